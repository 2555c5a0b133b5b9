/**
 * Store (legacy Zalo API). Zalo documented these calls for the 2017-era base
 * `openapi.zaloapp.com/oa` (v1, params wrapped in `data`); we call them under
 * `{ZALO_OPENAPI_URL}/v2.0/store/...` as the seed integration does (DESIGN.md §3). Whether a given
 * OA still has them is unknown [I], so STORE_PATHS is the one place to change the paths, and
 * every response schema is loose (numbers or strings, unknown fields pass through).
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { idString as id, optionalNumber as num, optionalText as text } from './shapes.js';

/** Every store path, in one table (the simulator serves exactly these). */
export const STORE_PATHS = {
  productCreate: '/v2.0/store/product/create',
  productUpdate: '/v2.0/store/product/update',
  productGet: '/v2.0/store/product/getproduct',
  productList: '/v2.0/store/product/getproductofoa',
  categoryCreate: '/v2.0/store/category/create',
  categoryUpdate: '/v2.0/store/category/update',
  categoryList: '/v2.0/store/category/getcategoryofoa',
  // Zalo's legacy docs show no order create; kept beside the others so it can be repointed.
  orderCreate: '/v2.0/store/order/create',
  orderUpdate: '/v2.0/store/order/update',
  orderGet: '/v2.0/store/order/getorder',
  orderList: '/v2.0/store/order/getorderofoa',
} as const;

/** Our order status names ↔ the legacy store's integer status [I]. The one mapping table. */
export const ORDER_STATUS = { new: 1, confirmed: 2, shipping: 3, delivered: 4, cancelled: 5, returned: 6 } as const;
export type OrderStatus = keyof typeof ORDER_STATUS;
export const ORDER_STATUS_NAMES = Object.keys(ORDER_STATUS) as [OrderStatus, ...OrderStatus[]];
export function orderStatusName(code: number): OrderStatus | 'unknown' {
  return ORDER_STATUS_NAMES.find((k) => ORDER_STATUS[k] === code) ?? 'unknown';
}

// Every store shape is [I]: ids and numbers may come as numbers or strings, text as numbers,
// and null means absent.
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? undefined);

export const productSchema = z.looseObject({
  id,
  name: text.transform((v) => v ?? ''),
  code: text,
  price: num,
  desc: text,
  display: text,
  cateids: list(z.looseObject({ cateid: id })),
  photos: list(z.looseObject({ id })),
  createdTime: num,
  updatedTime: num,
});
export const categorySchema = z.looseObject({ id, name: text.transform((v) => v ?? ''), desc: text, status: num, photo: text });
export const orderSchema = z.looseObject({
  id,
  status: num,
  userId: text,
  customerName: text,
  customerPhone: text,
  address: text,
  items: list(z.looseObject({ productid: id, name: text, price: num, quantity: num.transform((v) => v ?? 0) })),
  shippingFee: num,
  totalAmount: num,
  note: text,
  reason: text,
  cancelReason: text,
  createdTime: num,
  updatedTime: num,
});
export type StoreProduct = z.infer<typeof productSchema>;
export type StoreCategory = z.infer<typeof categorySchema>;
export type StoreOrder = z.infer<typeof orderSchema>;

const created = z.looseObject({ id });
const listOf = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.looseObject({ [key]: z.array(item).nullish().transform((v) => v ?? []), total: num } as { [P in K]: z.ZodPipe<z.ZodOptional<z.ZodNullable<z.ZodArray<T>>>, z.ZodTransform<Array<z.output<T>>, Array<z.output<T>> | null | undefined>> } & { total: typeof num });

export interface ProductBody { name: string; code?: string; price: number; desc?: string; display: 'show' | 'hide'; cateids: Array<{ cateid: string }>; photos: Array<{ id: string }> }
export interface CategoryBody { name?: string; desc?: string; status?: 0 | 1 }
export interface OrderBody { userId?: string; customerName: string; customerPhone: string; address: string; items: Array<{ productid: string; quantity: number }>; shippingFee: number; note?: string }
export type Paging = { offset: number; count: number };

export function storeEndpoints(request: OaRequest) {
  const post = <T>(path: string, body: unknown, schema?: z.ZodType<T>) => request({ api: 'openapi', method: 'POST', path, body, schema });
  const get = <T>(path: string, data: unknown, schema: z.ZodType<T>) => request({ api: 'openapi', method: 'GET', path, data, schema });
  return {
    createProduct: (product: ProductBody) => post(STORE_PATHS.productCreate, product, created),
    updateProduct: (productid: string, product: ProductBody) => post(STORE_PATHS.productUpdate, { productid, product }),
    getProduct: (productid: string) => get(STORE_PATHS.productGet, { productid }, productSchema),
    listProducts: (p: Paging) => get(STORE_PATHS.productList, p, listOf('products', productSchema)),
    createCategory: (category: CategoryBody & { name: string }) => post(STORE_PATHS.categoryCreate, category, created),
    updateCategory: (categoryid: string, category: CategoryBody) => post(STORE_PATHS.categoryUpdate, { categoryid, category }),
    listCategories: (p: Paging) => get(STORE_PATHS.categoryList, p, listOf('categories', categorySchema)),
    /** Order writes are POST, so the client never retries them (a repeat would duplicate the order). */
    createOrder: (order: OrderBody) => post(STORE_PATHS.orderCreate, order, orderSchema),
    updateOrder: (u: { orderid: string; status: number; reason?: string; cancelReason?: string }) => post(STORE_PATHS.orderUpdate, u),
    getOrder: (orderid: string) => get(STORE_PATHS.orderGet, { orderid }, orderSchema),
    listOrders: (p: Paging & { filter?: number }) => get(STORE_PATHS.orderList, p, listOf('orders', orderSchema)),
  };
}
