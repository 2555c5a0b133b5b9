import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { userId } from '../params.js';
import { tagName } from './tag-name.js';

export const tagsRemoveFollower = defineTool({
  name: 'tags_remove_follower',
  toolset: 'tags',
  title: 'Untag a follower',
  description:
    
    'Remove a tag from one user; the tag itself stays (see tags_delete).',
  input: { user_id: userId(), tag: tagName() },
  output: { user_id: z.string(), tag: z.string(), removed: z.boolean() },
  annotations: UPDATE,
  handler: async ({ user_id, tag }, { zalo }) => {
    await zalo.tags.removeFollower(user_id, tag);
    return { user_id, tag, removed: true };
  },
});
