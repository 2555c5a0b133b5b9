import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';
import { profileOutput, toProfile } from './profile.js';

export const followersGetProfile = defineTool({
  name: 'followers_get_profile',
  toolset: 'followers',
  title: 'Get follower profile',
  description:
    'Profile of one user of the OA by user_id: name, alias, follow state, last interaction, tags, notes and the info they shared (phone, address, birthday). Use followers_check_status to know which messages can reach them.',
  input: { user_id: userId() },
  output: profileOutput,
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => toProfile(await zalo.followers.detail(user_id)),
});
