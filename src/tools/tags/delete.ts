import { z } from 'zod';
import { defineTool, DELETE } from '../define-tool.js';
import { tagName } from './tag-name.js';

export const tagsDelete = defineTool({
  name: 'tags_delete',
  toolset: 'tags',
  title: 'Delete tag',
  description: 'Delete a tag from the OA and every user who has it; cannot be undone.',
  input: { tag: tagName() },
  output: { tag: z.string(), deleted: z.boolean() },
  annotations: DELETE,
  handler: async ({ tag }, { zalo }) => {
    await zalo.tags.remove(tag);
    return { tag, deleted: true };
  },
});
