import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { productOut, toProduct } from './shared.js';

export const storeProductsList = defineTool({
  name: 'store_products_list',
  toolset: 'store',
  title: 'List store products',
  description: 'Page through the OA\'s Zalo Shop catalogue, or find products by SKU. Prices are integer VND.',
  input: {
    sku: z.string().min(1).max(50).optional().describe('Only products whose SKU matches (Zalo\'s product search)'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: pageOf(productOut),
  annotations: READ,
  handler: async ({ sku, offset, count }, { zalo }) => {
    const paging = { offset, limit: count };
    const r = sku === undefined ? await zalo.store.listProducts(paging) : await zalo.store.searchProducts({ ...paging, code: sku });
    return toPage(r.rows.map(toProduct), offset, count, r.total);
  },
});
