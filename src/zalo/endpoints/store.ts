/**
 * Zalo Shop (`/v2.0/mstore/{product,cate,order}`, ZALO_API.md §9): GETs take plain query
 * parameters (never the JSON `data` param), prices are integer VND and orders carry Zalo's
 * status 1-6. STORE_PATHS is the one place the client names these paths. The paths and fields are
 * [D]/[I], answers are undocumented: every response schema is loose (numbers or strings, unknown
 * fields pass through) and lists are read from an array or from a `products|cates|orders` key.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { idString as id, optionalNumber as num, optionalText as text } from './shapes.js';

/** Every store path, in one table. */
export const STORE_PATHS = {
  productList: '/v2.0/mstore/product/getproductofoa',
  productGet: '/v2.0/mstore/product/getproduct',
  productSearch: '/v2.0/mstore/product/search',
  productCreate: '/v2.0/mstore/product/create',
  productUpdate: '/v2.0/mstore/product/update',
  productRemove: '/v2.0/mstore/product/remove',
  categoryList: '/v2.0/mstore/cate/getcateofoa',
  categoryCreate: '/v2.0/mstore/cate/create',
  categoryUpdate: '/v2.0/mstore/cate/update',
  categoryRemove: '/v2.0/mstore/cate/remove',
  orderList: '/v2.0/mstore/order/getorderofoa',
  orderGet: '/v2.0/mstore/order/getorder',
  orderUpdateStatus: '/v2.0/mstore/order/updatestatus',
} as const;

/** Zalo Shop's order status codes [D]. The one mapping table. */
export const ORDER_STATUS = { new: 1, confirmed: 2, cancelled_by_seller: 3, cancelled_by_buyer: 4, shipping: 5, completed: 6 } as const;
export type OrderStatus = keyof typeof ORDER_STATUS;
export const ORDER_STATUS_NAMES = Object.keys(ORDER_STATUS) as [OrderStatus, ...OrderStatus[]];
export function orderStatusName(code: number | undefined): OrderStatus | 'unknown' {
  return ORDER_STATUS_NAMES.find((k) => ORDER_STATUS[k] === code) ?? 'unknown';
}

/**
 * The moves a seller may make (target ← allowed current statuses): forward along
 * new → confirmed → shipping → completed, cancel only before shipping. Zalo publishes no
 * transition table; this is what a shop expects, and it is checked before anything is sent.
 */
export const ORDER_MOVES = {
  confirmed: ['new'],
  shipping: ['confirmed'],
  completed: ['shipping'],
  cancelled_by_seller: ['new', 'confirmed'],
} as const satisfies Partial<Record<OrderStatus, readonly OrderStatus[]>>;
export type OrderMove = keyof typeof ORDER_MOVES;
export const ORDER_MOVE_NAMES = Object.keys(ORDER_MOVES) as [OrderMove, ...OrderMove[]];

/** Product `status` [I]: Zalo's value for shown / hidden is unpublished; change it here only. */
export const PRODUCT_STATUS = { show: 1, hide: 0 } as const;

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? undefined);

export const productSchema = z.looseObject({
  id,
  code: text,
  name: text.transform((v) => v ?? ''),
  description: text,
  price: num,
  type_id_level1: text,
  type_id_level2: text,
  type_id_level3: text,
  collection_id: text,
  photos: list(z.union([z.string(), z.number(), z.looseObject({ id: text, url: text })])),
  sales: list(z.looseObject({ start_time: num, end_time: num, sale_percent: num })),
  status: num,
  created_time: num,
  updated_time: num,
});
export const categorySchema = z.looseObject({ id, name: text.transform((v) => v ?? ''), description: text });
export const orderSchema = z.looseObject({
  id,
  status: num,
  customer_name: text,
  customer_phone: text,
  address: text,
  products: list(z.looseObject({ id: text, name: text, price: num, quantity: num.transform((v) => v ?? 0) })),
  shipping_fee: num,
  total: num,
  note: text,
  created_time: num,
  updated_time: num,
});
export type StoreProduct = z.infer<typeof productSchema>;
export type StoreCategory = z.infer<typeof categorySchema>;
export type StoreOrder = z.infer<typeof orderSchema>;

const created = z.looseObject({ id });

/** A list answer: a bare array, or `{<key>: [...], total?}`. */
function listOf<T extends z.ZodType>(key: string, item: T) {
  return z
    .union([z.array(z.unknown()), z.looseObject({ total: num })])
    .transform((v): { rows: unknown[]; total?: number } => {
      const rows = Array.isArray(v) ? v : (v as Record<string, unknown>)[key];
      const total = Array.isArray(v) ? undefined : (v as { total?: number }).total;
      return { rows: Array.isArray(rows) ? rows : [], ...(total === undefined ? {} : { total }) };
    })
    .pipe(z.object({ rows: z.array(item), total: z.number().optional() }));
}

/** The product body of create and update, in Zalo's field names. */
export interface ProductBody {
  code?: string;
  name: string;
  description?: string;
  price: number;
  type_id_level1?: string;
  type_id_level2?: string;
  type_id_level3?: string;
  collection_id?: string;
  photos?: string[];
  sales?: Array<{ start_time: number; end_time: number; sale_percent: number }>;
  status: number;
}
export interface CategoryBody { name?: string; description?: string }
export type Paging = { offset: number; limit: number };

export function storeEndpoints(request: OaRequest) {
  const post = <T>(path: string, body: unknown, schema?: z.ZodType<T>) => request({ api: 'openapi', method: 'POST', path, body, schema });
  const get = <T>(path: string, query: Record<string, string | number | undefined>, schema: z.ZodType<T>) => request({ api: 'openapi', method: 'GET', path, query, schema });
  return {
    listProducts: (p: Paging) => get(STORE_PATHS.productList, p, listOf('products', productSchema)),
    searchProducts: (p: Paging & { code: string }) => get(STORE_PATHS.productSearch, p, listOf('products', productSchema)),
    getProduct: (productId: string) => get(STORE_PATHS.productGet, { id: productId }, productSchema),
    createProduct: (product: ProductBody) => post(STORE_PATHS.productCreate, product, created),
    updateProduct: (productId: string, product: ProductBody) => post(STORE_PATHS.productUpdate, { id: productId, ...product }),
    removeProduct: (productId: string) => post(STORE_PATHS.productRemove, { id: productId }),
    listCategories: (p: Paging) => get(STORE_PATHS.categoryList, p, listOf('cates', categorySchema)),
    createCategory: (category: CategoryBody & { name: string }) => post(STORE_PATHS.categoryCreate, category, created),
    updateCategory: (categoryId: string, category: CategoryBody) => post(STORE_PATHS.categoryUpdate, { id: categoryId, ...category }),
    removeCategory: (categoryId: string) => post(STORE_PATHS.categoryRemove, { id: categoryId }),
    listOrders: (p: Paging & { status?: number }) => get(STORE_PATHS.orderList, p, listOf('orders', orderSchema)),
    getOrder: (orderId: string) => get(STORE_PATHS.orderGet, { id: orderId }, orderSchema),
    /** A POST, so the client never retries it: a repeated status change must be the user's choice. */
    updateOrderStatus: (ids: string[], status: number) => post(STORE_PATHS.orderUpdateStatus, { ids, status }),
  };
}
