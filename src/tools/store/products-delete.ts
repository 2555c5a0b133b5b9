import { z } from 'zod';
import { defineTool, DELETE } from '../define-tool.js';
import { storeId } from './shared.js';

export const storeProductsDelete = defineTool({
  name: 'store_products_delete',
  toolset: 'store',
  title: 'Delete store product',
  description: 'Permanently remove a product from the OA\'s Zalo Shop. To only hide it, use store_products_update with status hide.',
  input: { id: storeId('product') },
  output: { id: z.string(), deleted: z.boolean() },
  annotations: DELETE,
  handler: async ({ id }, { zalo }) => {
    await zalo.store.removeProduct(id);
    return { id, deleted: true };
  },
});
