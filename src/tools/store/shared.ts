/**
 * What the store tools share: id and money params, our output shapes and the mapping from the
 * legacy store's field names (cateids, desc, createdTime, int statuses) to ours.
 */
import { z } from 'zod';
import { orderStatusName, ORDER_STATUS_NAMES, type StoreCategory, type StoreOrder, type StoreProduct } from '../../zalo/endpoints/store.js';

export const storeId = (what: string) => z.string().regex(/^[\w-]{1,64}$/, `must be a ${what} id`).describe(`${what[0]!.toUpperCase()}${what.slice(1)} id (string)`);

/** Money is integer đồng: Zalo's store has no minor unit. */
export const vnd = (what: string) => z.number().int().min(0).max(1_000_000_000).describe(`${what} in VND, integer đồng without decimals (0-1000000000; 150000 = 150.000 ₫)`);

export const orderStatus = () => z.enum(ORDER_STATUS_NAMES).describe('Order status; the usual flow is new → confirmed → shipping → delivered (→ returned), cancelled before shipping');

/** A parsed store object, or one we built ourselves (only the id is sure). */
type Loose<T extends { id: string }> = Partial<T> & { id: string };

const iso = (t?: number) => (t && Number.isFinite(t) ? new Date(t < 1e12 ? t * 1000 : t).toISOString() : undefined);

export const productOut = z.object({
  id: z.string(), name: z.string(), code: z.string().optional(), price: z.number().optional().describe('VND'),
  description: z.string().optional(), display: z.enum(['show', 'hide']), category_ids: z.array(z.string()),
  created_at: z.string().optional(), updated_at: z.string().optional(),
});
export function toProduct(p: Loose<StoreProduct>): z.infer<typeof productOut> {
  return {
    id: p.id, name: p.name ?? '', code: p.code || undefined, price: p.price, description: p.desc || undefined, display: p.display === 'hide' ? 'hide' : 'show',
    category_ids: (p.cateids ?? []).map((c) => c.cateid), created_at: iso(p.createdTime), updated_at: iso(p.updatedTime),
  };
}

export const categoryOut = z.object({ id: z.string(), name: z.string(), description: z.string().optional(), status: z.enum(['show', 'hide']) });
export function toCategory(c: Loose<StoreCategory>): z.infer<typeof categoryOut> {
  return { id: c.id, name: c.name ?? '', description: c.desc || undefined, status: c.status === 1 ? 'hide' : 'show' };
}

export const orderOut = z.object({
  id: z.string(), status: z.enum([...ORDER_STATUS_NAMES, 'unknown']), user_id: z.string().optional(),
  customer_name: z.string().optional(), customer_phone: z.string().optional(), address: z.string().optional(),
  items: z.array(z.object({ product_id: z.string(), name: z.string().optional(), price: z.number().optional().describe('VND per unit'), quantity: z.number() })),
  shipping_fee: z.number().optional().describe('VND'), total: z.number().optional().describe('VND, items + shipping'),
  note: z.string().optional(), reason: z.string().optional(), cancel_reason: z.string().optional(),
  created_at: z.string().optional(), updated_at: z.string().optional(),
});
export function toOrder(o: Loose<StoreOrder>): z.infer<typeof orderOut> {
  return {
    id: o.id, status: o.status === undefined ? 'unknown' : orderStatusName(o.status), user_id: o.userId || undefined,
    customer_name: o.customerName, customer_phone: o.customerPhone, address: o.address,
    items: (o.items ?? []).map((i) => ({ product_id: i.productid, name: i.name, price: i.price, quantity: i.quantity })),
    shipping_fee: o.shippingFee, total: o.totalAmount, note: o.note || undefined, reason: o.reason || undefined, cancel_reason: o.cancelReason || undefined,
    created_at: iso(o.createdTime), updated_at: iso(o.updatedTime),
  };
}

/** The product input fields (optional for updates). */
export function productFields() {
  return {
    name: z.string().min(1).max(200).describe('Product name (1-200 characters)'),
    code: z.string().min(1).max(50).describe('Your SKU / product code (1-50 characters)'),
    price: vnd('Price'),
    description: z.string().max(2000).describe('Description (≤ 2000 characters)'),
    category_ids: z.array(storeId('category')).min(1).max(10).describe('Category ids from store_categories_list (1-10)'),
    display: z.enum(['show', 'hide']).describe('show = visible in the OA store, hide = hidden'),
  };
}

const LEGACY = 'Uses Zalo\'s legacy store API, which Zalo may not offer to every OA.';
export const legacyNote = LEGACY;
