import { z } from 'zod';
import { defineTool, DELETE } from '../define-tool.js';
import { storeId } from './shared.js';

export const storeCategoriesDelete = defineTool({
  name: 'store_categories_delete',
  toolset: 'store',
  title: 'Delete store category',
  description: 'Permanently remove a category from the OA\'s Zalo Shop.',
  input: { id: storeId('category') },
  output: { id: z.string(), deleted: z.boolean() },
  annotations: DELETE,
  handler: async ({ id }, { zalo }) => {
    await zalo.store.removeCategory(id);
    return { id, deleted: true };
  },
});
