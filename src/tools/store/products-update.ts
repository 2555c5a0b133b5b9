import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { checkSale, productFields, storeId, toProduct, toProductBody } from './shared.js';

const f = productFields();

export const storeProductsUpdate = defineTool({
  name: 'store_products_update',
  toolset: 'store',
  title: 'Update store product',
  description: 'Change a Zalo Shop product; omitted fields keep their value (it is read first and sent whole).',
  input: {
    id: storeId('product'),
    name: f.name.optional(), sku: f.sku.optional(), price: f.price.optional(), description: f.description.optional(), category_id: f.category_id.optional(),
    type_ids: f.type_ids.optional(), photos: f.photos.optional(), sale_percent: f.sale_percent.optional(), sale_start: f.sale_start.optional(), sale_end: f.sale_end.optional(), status: f.status.optional(),
  },
  output: { id: z.string(), updated: z.array(z.string()).describe('Fields changed') },
  annotations: UPDATE,
  handler: async ({ id, ...a }, { zalo }) => {
    if (Object.values(a).every((v) => v === undefined)) throw new ZaloInputError('nothing to update', 'Give at least one field to change.');
    const bad = checkSale(a);
    if (bad) throw new ZaloInputError(bad, 'Give sale_percent, sale_start and sale_end, the end after the start.');
    const cur = toProduct(await zalo.store.getProduct(id));
    // The product is sent whole: never fill a field Zalo did not return with a made-up value.
    const price = a.price ?? cur.price;
    const name = a.name ?? (cur.name || undefined);
    const status = a.status ?? (cur.status === 'unknown' ? undefined : cur.status);
    const missing = price === undefined ? 'price' : name === undefined ? 'name' : status === undefined ? 'status' : undefined;
    if (missing) throw new ZaloInputError(`Zalo did not return the product's current ${missing}`, `Call again with ${missing} given explicitly.`);
    const body = toProductBody({
      name: name!, price: price!, status: status!, sku: a.sku ?? cur.sku, description: a.description ?? cur.description,
      category_id: a.category_id ?? cur.category_id, type_ids: a.type_ids ?? cur.type_ids, photos: a.photos ?? cur.photos, sales: cur.sales, sale_percent: a.sale_percent, sale_start: a.sale_start, sale_end: a.sale_end,
    });
    await zalo.store.updateProduct(id, body);
    return { id, updated: Object.keys(a).filter((k) => a[k as keyof typeof a] !== undefined) };
  },
});
