import { CREATE, defineTool } from '../define-tool.js';
import { legacyNote, productFields, productOut, toProduct } from './shared.js';

const f = productFields();

export const storeProductsCreate = defineTool({
  name: 'store_products_create',
  toolset: 'store',
  title: 'Create store product',
  description: `Add a product to the OA's Zalo store catalogue and return it with its id. ${legacyNote}`,
  input: { name: f.name, code: f.code.optional(), price: f.price, description: f.description.optional(), category_ids: f.category_ids, display: f.display.default('show') },
  output: productOut.shape,
  annotations: CREATE,
  handler: async (a, { zalo }) => {
    const body = { name: a.name, code: a.code, price: a.price, desc: a.description, display: a.display, cateids: a.category_ids.map((cateid) => ({ cateid })), photos: [] };
    const { id } = await zalo.store.createProduct(body);
    return toProduct({ ...body, id });
  },
});
