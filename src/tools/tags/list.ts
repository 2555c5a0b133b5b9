import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { pageOf, toPage } from '../params.js';

export const tagsList = defineTool({
  name: 'tags_list',
  toolset: 'tags',
  title: 'List tags',
  description: 'All follower tags of the OA, by name. Use followers_list with a tag to see who has it.',
  input: {},
  output: pageOf(z.string().describe('tag name')),
  annotations: READ,
  handler: async (_args, { zalo }) => {
    const tags = await zalo.tags.list();
    return toPage(tags, 0, tags.length, tags.length);
  },
});
