import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';
import { profileOutput, toProfile } from './profile.js';

export const followersGetProfile = defineTool({
  name: 'followers_get_profile',
  toolset: 'followers',
  title: 'Get follower profile',
  description:
    'Profile of one user: name, alias, follow state, last interaction, tags, notes and shared info (phone 84…, address, birthday YYYY-MM-DD). For what can be sent to them use followers_check_status.',
  input: { user_id: userId() },
  output: profileOutput,
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => toProfile(await zalo.followers.detail(user_id)),
});
