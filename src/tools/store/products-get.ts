import { defineTool, READ } from '../define-tool.js';
import { legacyNote, productOut, storeId, toProduct } from './shared.js';

export const storeProductsGet = defineTool({
  name: 'store_products_get',
  toolset: 'store',
  title: 'Get store product',
  description: `One store product with its price (VND), categories and visibility. ${legacyNote}`,
  input: { id: storeId('product') },
  output: productOut.shape,
  annotations: READ,
  handler: async ({ id }, { zalo }) => toProduct(await zalo.store.getProduct(id)),
});
