import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { pageOf, toPage } from '../params.js';

export const tagsList = defineTool({
  name: 'tags_list',
  toolset: 'tags',
  title: 'List tags',
  description: 'All tag names of the OA. followers_list with a tag shows who has it.',
  input: {},
  output: pageOf(z.string()),
  annotations: READ,
  handler: async (_args, { zalo }) => {
    const tags = await zalo.tags.list();
    return toPage(tags, 0, tags.length, tags.length);
  },
});
