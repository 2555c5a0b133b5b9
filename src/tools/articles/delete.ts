import { z } from 'zod';
import { defineTool, DELETE } from '../define-tool.js';
import { articleId } from './shared.js';

export const articlesDelete = defineTool({
  name: 'articles_delete',
  toolset: 'articles',
  title: 'Delete article',
  description: 'Permanently remove an OA article (normal or video); followers can no longer open it. To only unpublish, use articles_update with status hide.',
  input: { id: articleId() },
  output: { id: z.string(), deleted: z.boolean() },
  annotations: DELETE,
  handler: async ({ id }, { zalo }) => {
    await zalo.articles.remove(id);
    return { id, deleted: true };
  },
});
