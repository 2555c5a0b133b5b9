import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { legacyNote, productOut, toProduct } from './shared.js';

export const storeProductsList = defineTool({
  name: 'store_products_list',
  toolset: 'store',
  title: 'List store products',
  description: `Page through the OA's store catalogue, newest first; store_products_get reads one product. ${legacyNote}`,
  input: { offset: offset(), count: count({ max: 50, def: 20 }) },
  output: pageOf(productOut),
  annotations: READ,
  handler: async ({ offset, count }, { zalo }) => {
    const r = await zalo.store.listProducts({ offset, count });
    return toPage(r.products.map(toProduct), offset, count, r.total);
  },
});
