import { defineTool, UPDATE } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { legacyNote, productFields, productOut, storeId, toProduct } from './shared.js';

const f = productFields();

export const storeProductsUpdate = defineTool({
  name: 'store_products_update',
  toolset: 'store',
  title: 'Update store product',
  description: `Change a store product; fields you omit keep their current value (the tool reads the product first and sends it whole). ${legacyNote}`,
  input: {
    id: storeId('product'),
    name: f.name.optional(), code: f.code.optional(), price: f.price.optional(), description: f.description.optional(),
    category_ids: f.category_ids.optional(), display: f.display.optional(),
  },
  output: productOut.shape,
  annotations: UPDATE,
  handler: async ({ id, ...a }, { zalo }) => {
    const cur = await zalo.store.getProduct(id);
    // The product is sent whole: never fill a field Zalo did not return with a made-up value.
    const price = a.price ?? cur.price;
    const name = a.name ?? (cur.name || undefined);
    if (price === undefined || name === undefined) {
      const missing = price === undefined ? 'price' : 'name';
      throw new ZaloInputError(`Zalo did not return the product's current ${missing}`, `Call again with ${missing} given explicitly.`);
    }
    const body = {
      name, code: a.code ?? cur.code, price, desc: a.description ?? cur.desc,
      display: a.display ?? (cur.display === 'hide' ? 'hide' : 'show'),
      cateids: a.category_ids?.map((cateid) => ({ cateid })) ?? (cur.cateids ?? []).map((c) => ({ cateid: c.cateid })),
      photos: (cur.photos ?? []).map((p) => ({ id: p.id })),
    } as const;
    await zalo.store.updateProduct(id, body);
    return toProduct({ ...cur, ...body, id });
  },
});
