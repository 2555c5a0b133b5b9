import { defineTool, READ } from '../define-tool.js';
import { productOut, storeId, toProduct } from './shared.js';

export const storeProductsGet = defineTool({
  name: 'store_products_get',
  toolset: 'store',
  title: 'Get store product',
  description: 'One Zalo Shop product with its price (integer VND), category, photos, sales and visibility.',
  input: { id: storeId('product') },
  output: productOut.shape,
  annotations: READ,
  handler: async ({ id }, { zalo }) => toProduct(await zalo.store.getProduct(id)),
});
