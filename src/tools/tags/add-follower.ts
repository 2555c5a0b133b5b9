import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { userId } from '../params.js';
import { tagName } from './tag-name.js';

export const tagsAddFollower = defineTool({
  name: 'tags_add_follower',
  toolset: 'tags',
  title: 'Tag a follower',
  description: 'Tag one user; Zalo creates the tag if it is new.',
  input: { user_id: userId(), tag: tagName() },
  output: { user_id: z.string(), tag: z.string(), tagged: z.boolean() },
  annotations: UPDATE,
  handler: async ({ user_id, tag }, { zalo }) => {
    await zalo.tags.addFollower(user_id, tag);
    return { user_id, tag, tagged: true };
  },
});
