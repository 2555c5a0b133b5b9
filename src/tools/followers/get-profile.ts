import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';
import { profileOutput, toProfile } from './profile.js';

export const followersGetProfile = defineTool({
  name: 'followers_get_profile',
  toolset: 'followers',
  title: 'Get follower profile',
  description:
    
    'One user\'s profile: name, alias, follow state, last interaction, tags, notes, shared info (phone, address, birthday).',
  input: { user_id: userId() },
  output: profileOutput,
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => toProfile(await zalo.followers.detail(user_id)),
});
