/**
 * What the store tools share: id and money params, our output shapes and the mapping from Zalo
 * Shop's fields (collection_id, type_id_level1..3, epoch times, status codes) to ours.
 */
import { z } from 'zod';
import { orderStatusName, ORDER_STATUS_NAMES, PRODUCT_STATUS, type ProductBody, type StoreCategory, type StoreOrder, type StoreProduct } from '../../zalo/endpoints/store.js';

export const storeId = (what: string) => z.string().regex(/^[\w-]{1,64}$/, `must be a ${what} id`).describe(`${what[0]!.toUpperCase()}${what.slice(1)} id`);

/** Money is integer đồng: Zalo Shop has no minor unit. */
export const vnd = (what: string) => z.number().int().min(0).max(1_000_000_000).describe(`${what}, integer VND`);

/** A parsed store object, or one we built ourselves (only the id is sure). */
type Loose<T extends { id: string }> = Partial<T> & { id: string };

const iso = (t?: number) => (t && Number.isFinite(t) ? new Date(t < 1e12 ? t * 1000 : t).toISOString() : undefined);
const ms = (s: string) => Date.parse(s);

const sale = z.object({ start: z.string(), end: z.string(), percent: z.number() });
export const productOut = z.object({
  id: z.string(), name: z.string(), sku: z.string().optional(), price: z.number().optional(),
  description: z.string().optional(), category_id: z.string().optional(), type_ids: z.array(z.string()).optional(),
  photos: z.array(z.string()).optional(), sales: z.array(sale).optional(), status: z.enum(['show', 'hide', 'unknown']),
  created_at: z.string().optional(), updated_at: z.string().optional(),
});
export function toProduct(p: Loose<StoreProduct>): z.infer<typeof productOut> {
  const types = [p.type_id_level1, p.type_id_level2, p.type_id_level3].filter((t): t is string => Boolean(t));
  // A sale without both times cannot be sent back on update: leave it out rather than invent one.
  const sales = (p.sales ?? []).flatMap((s) => (iso(s.start_time) && iso(s.end_time) ? [{ start: iso(s.start_time)!, end: iso(s.end_time)!, percent: s.sale_percent ?? 0 }] : []));
  const photos = (p.photos ?? []).map((x) => (typeof x === 'object' ? x.url ?? x.id ?? '' : String(x))).filter(Boolean);
  return {
    id: p.id, name: p.name ?? '', sku: p.code || undefined, price: p.price, description: p.description || undefined,
    category_id: p.collection_id || undefined, type_ids: types.length ? types : undefined, photos: photos.length ? photos : undefined,
    sales: sales.length ? sales : undefined,
    status: p.status === PRODUCT_STATUS.show ? 'show' : p.status === PRODUCT_STATUS.hide ? 'hide' : 'unknown',
    created_at: iso(p.created_time), updated_at: iso(p.updated_time),
  };
}

export const categoryOut = z.object({ id: z.string(), name: z.string(), description: z.string().optional() });
export const toCategory = (c: Loose<StoreCategory>): z.infer<typeof categoryOut> => ({ id: c.id, name: c.name ?? '', description: c.description || undefined });

export const orderOut = z.object({
  id: z.string(), status: z.enum([...ORDER_STATUS_NAMES, 'unknown']),
  customer_name: z.string().optional(), customer_phone: z.string().optional(), address: z.string().optional(),
  items: z.array(z.object({ product_id: z.string().optional(), name: z.string().optional(), price: z.number().optional(), quantity: z.number() })),
  shipping_fee: z.number().optional(), total: z.number().optional(), note: z.string().optional(),
  created_at: z.string().optional(), updated_at: z.string().optional(),
});
export function toOrder(o: Loose<StoreOrder>): z.infer<typeof orderOut> {
  return {
    id: o.id, status: orderStatusName(o.status), customer_name: o.customer_name, customer_phone: o.customer_phone, address: o.address,
    items: (o.products ?? []).map((i) => ({ product_id: i.id, name: i.name, price: i.price, quantity: i.quantity })),
    shipping_fee: o.shipping_fee, total: o.total, note: o.note || undefined, created_at: iso(o.created_time), updated_at: iso(o.updated_time),
  };
}

// A plain refine, not z.iso.datetime(): its regex would cost hundreds of schema tokens per tool.
const when = z.string().max(40).refine((v) => Number.isFinite(Date.parse(v)), 'must be an ISO 8601 date-time such as 2027-01-20T00:00:00+07:00');

/** The product input fields (optional for updates). */
export function productFields() {
  return {
    name: z.string().min(1).max(200).describe('Product name'),
    // Zalo's `code`; named sku here because `code` in a result is the error code (error results share the output schema).
    sku: z.string().min(1).max(50).describe('Your SKU (Zalo\'s product code)'),
    price: vnd('Price'),
    description: z.string().max(2000).describe('Details'),
    category_id: storeId('category').describe('Category id from store_categories_list'),
    type_ids: z.array(z.string().max(20)).max(3).describe('Zalo type ids, levels 1-3'),
    photos: z.array(z.string().max(500)).max(10).describe('Photo ids or URLs'),
    // One sale period as flat fields: a nested array costs more schema tokens than it is worth.
    sale_percent: z.number().int().min(1).max(100).describe('% off, with sale_start and sale_end'),
    sale_start: when.describe('ISO 8601'),
    sale_end: when.describe('ISO 8601'),
    status: z.enum(['show', 'hide']).describe('Visibility in the shop'),
  };
}

type ProductInput = { name: string; sku?: string; price: number; description?: string; category_id?: string; type_ids?: string[]; photos?: string[]; sale_percent?: number; sale_start?: string; sale_end?: string; sales?: Array<{ start: string; end: string; percent: number }>; status: 'show' | 'hide' };

/** Our input → Zalo's product body; only fields with a value are sent. */
export function toProductBody(a: ProductInput): ProductBody {
  const [t1, t2, t3] = a.type_ids ?? [];
  const sales = a.sale_percent !== undefined ? [{ start: a.sale_start!, end: a.sale_end!, percent: a.sale_percent }] : a.sales;
  const body: ProductBody = {
    code: a.sku, name: a.name, description: a.description, price: a.price,
    type_id_level1: t1, type_id_level2: t2, type_id_level3: t3, collection_id: a.category_id, photos: a.photos,
    sales: sales?.map((s) => ({ start_time: ms(s.start), end_time: ms(s.end), sale_percent: s.percent })),
    status: PRODUCT_STATUS[a.status],
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as unknown as ProductBody;
}

/** The sale fields come together, and a sale ends after it starts. */
export function checkSale(a: { sale_percent?: number; sale_start?: string; sale_end?: string }): string | undefined {
  const given = [a.sale_percent, a.sale_start, a.sale_end].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3) return 'sale_percent, sale_start and sale_end go together';
  return ms(a.sale_end!) <= ms(a.sale_start!) ? 'sale_end must be after sale_start' : undefined;
}
