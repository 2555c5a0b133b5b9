import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { checkSale, productFields, toProductBody } from './shared.js';

const f = productFields();

export const storeProductsCreate = defineTool({
  name: 'store_products_create',
  toolset: 'store',
  title: 'Create store product',
  description: 'Add a product to the OA\'s Zalo Shop; returns its id. Never retried: after a network error, look it up by sku first.',
  input: {
    name: f.name, sku: f.sku.optional(), price: f.price, description: f.description.optional(), category_id: f.category_id.optional(),
    type_ids: f.type_ids.optional(), photos: f.photos.optional(), sale_percent: f.sale_percent.optional(), sale_start: f.sale_start.optional(), sale_end: f.sale_end.optional(), status: f.status.default('show'),
  },
  output: { id: z.string(), status: z.enum(['show', 'hide']) },
  annotations: CREATE,
  handler: async (a, { zalo }) => {
    const bad = checkSale(a);
    if (bad) throw new ZaloInputError(bad, 'Give sale_percent, sale_start and sale_end, the end after the start.');
    const { id } = await zalo.store.createProduct(toProductBody(a));
    return { id, status: a.status };
  },
});
