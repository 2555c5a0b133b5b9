/**
 * Zalo Shop routes (`/v2.0/mstore/...`, ZALO_API.md §9) with the simulator's own path list:
 * GETs read plain query parameters and refuse the JSON `data` param, bodies are checked field by
 * field (a legacy `/v2.0/store` field such as `desc`, `cateids` or `orderid` is refused with -201),
 * prices are integer VND and order statuses are 1-6. The legacy `/v2.0/store/*` paths are not
 * served at all (404, like any unknown API).
 */
import { SimError, invalid, page, type Route, type SimRequest } from '../router.js';
import { nextId, slice, type OaState } from '../state.js';
import { ORDER as S, PRODUCT_HIDDEN, PRODUCT_SHOWN, seedStore, type SimCategory, type SimOrder, type SimProduct, type SimSale } from '../seed/store.js';

const M = '/v2.0/mstore';
/** The shop's paths, as the fact sheet lists them. */
export const SHOP_PATHS = {
  productList: `${M}/product/getproductofoa`, productGet: `${M}/product/getproduct`, productSearch: `${M}/product/search`,
  productCreate: `${M}/product/create`, productUpdate: `${M}/product/update`, productRemove: `${M}/product/remove`,
  cateList: `${M}/cate/getcateofoa`, cateCreate: `${M}/cate/create`, cateUpdate: `${M}/cate/update`, cateRemove: `${M}/cate/remove`,
  orderList: `${M}/order/getorderofoa`, orderGet: `${M}/order/getorder`, orderUpdateStatus: `${M}/order/updatestatus`,
} as const;

interface StoreState { categories: Map<string, SimCategory>; products: Map<string, SimProduct>; orders: Map<string, SimOrder> }
const LIST_CAP = 50;
const MAX_PRICE = 1_000_000_000;
const PRODUCT_FIELDS = new Set(['code', 'name', 'description', 'price', 'type_id_level1', 'type_id_level2', 'type_id_level3', 'collection_id', 'photos', 'sales', 'status']);
/** Seller moves (target ← current); the buyer's own cancel (4) is not the OA's to set. */
const MOVES: Record<number, number[]> = { [S.confirmed]: [S.new], [S.shipping]: [S.confirmed], [S.completed]: [S.shipping], [S.cancelledBySeller]: [S.new, S.confirmed] };

export function storeState(oa: OaState, now: number): StoreState {
  return slice(oa, 'store', () => {
    const s = seedStore(oa, now);
    return { categories: new Map(s.categories.map((c) => [c.id, c])), products: new Map(s.products.map((p) => [p.id, p])), orders: new Map(s.orders.map((o) => [o.id, o])) };
  });
}

function find<T>(map: Map<string, T>, id: unknown, field = 'id'): T {
  const v = typeof id === 'string' || typeof id === 'number' ? map.get(String(id)) : undefined;
  if (!v) throw invalid(field);
  return v;
}
function text(v: unknown, field: string, max: number, required = true): string {
  if (v === undefined || v === null || v === '') { if (required) throw invalid(field); return ''; }
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  if (v.length > max) throw new SimError(-201, `${field} is invalid! Maximum length is ${max}`);
  return v;
}
function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(field);
  return v;
}
/** Plain query parameters only: the `data=` JSON form of other OA GETs is not mstore's. */
function query(req: SimRequest): Record<string, string> {
  if (req.query.has('data')) throw invalid('data', 'Zalo Shop takes plain query parameters');
  return Object.fromEntries(req.query);
}
function onlyFields(body: Record<string, unknown>, allowed: Set<string>): void {
  const unknown = Object.keys(body).find((k) => !allowed.has(k));
  if (unknown) throw invalid(unknown, 'Unknown field');
}
function sales(v: unknown): SimSale[] {
  if (!Array.isArray(v) || v.length > 5) throw invalid('sales');
  return v.map((s: Record<string, unknown>, i) => {
    const start_time = int(s?.start_time, `sales[${i}].start_time`, 0, 9e15);
    const end_time = int(s?.end_time, `sales[${i}].end_time`, start_time + 1, 9e15);
    return { start_time, end_time, sale_percent: int(s?.sale_percent, `sales[${i}].sale_percent`, 1, 100) };
  });
}
function productFields(b: Record<string, unknown>, st: StoreState, creating: boolean): Partial<SimProduct> {
  const out: Partial<SimProduct> = {};
  if (creating || b.name !== undefined) out.name = text(b.name, 'name', 200);
  if (creating || b.price !== undefined) out.price = int(b.price, 'price', 0, MAX_PRICE);
  if (b.code !== undefined) out.code = text(b.code, 'code', 50, false);
  if (b.description !== undefined) out.description = text(b.description, 'description', 2000, false);
  if (b.collection_id !== undefined) out.collection_id = find(st.categories, b.collection_id, 'collection_id').id;
  for (const k of ['type_id_level1', 'type_id_level2', 'type_id_level3'] as const) {
    if (b[k] !== undefined) { if (!/^\d{1,20}$/.test(String(b[k]))) throw invalid(k); out[k] = String(b[k]); }
  }
  if (b.photos !== undefined) {
    if (!Array.isArray(b.photos) || b.photos.length > 10 || b.photos.some((p) => typeof p !== 'string' || !p)) throw invalid('photos');
    out.photos = b.photos as string[];
  }
  if (b.sales !== undefined) out.sales = sales(b.sales);
  if (b.status !== undefined) { if (b.status !== PRODUCT_SHOWN && b.status !== PRODUCT_HIDDEN) throw invalid('status'); out.status = b.status; }
  return out;
}
const orderOut = (o: SimOrder) => ({ ...o, total: o.products.reduce((s, l) => s + l.price * l.quantity, 0) + o.shipping_fee });
const listed = <T>(all: T[], req: SimRequest) => page(all, query(req), LIST_CAP, 'limit').slice;

const r = (method: 'GET' | 'POST', path: string, handle: Route['handle']): Route => ({ family: 'openapi', method, path, handle });
const P = SHOP_PATHS;

export const storeRoutes: Route[] = [
  r('GET', P.productList, ({ req, oa, now }) => {
    const all = [...storeState(oa, now).products.values()].sort((a, b) => b.created_time - a.created_time);
    return { products: listed(all, req), total: all.length };
  }),
  r('GET', P.productSearch, ({ req, oa, now }) => {
    const code = text(query(req).code, 'code', 50).toLowerCase();
    const all = [...storeState(oa, now).products.values()].filter((p) => p.code.toLowerCase().includes(code)).sort((a, b) => b.created_time - a.created_time);
    return { products: listed(all, req), total: all.length };
  }),
  r('GET', P.productGet, ({ req, oa, now }) => find(storeState(oa, now).products, query(req).id)),
  r('POST', P.productCreate, ({ req, oa, sim, now }) => {
    const st = storeState(oa, now);
    onlyFields(req.body, PRODUCT_FIELDS);
    const id = nextId(sim, '');
    st.products.set(id, { id, code: '', description: '', photos: [], sales: [], status: PRODUCT_SHOWN, ...productFields(req.body, st, true), created_time: now, updated_time: now } as SimProduct);
    return { id };
  }),
  r('POST', P.productUpdate, ({ req, oa, now }) => {
    const st = storeState(oa, now);
    const { id, ...fields } = req.body;
    onlyFields(fields, PRODUCT_FIELDS);
    Object.assign(find(st.products, id), productFields(fields, st, false), { updated_time: now });
    return undefined;
  }),
  r('POST', P.productRemove, ({ req, oa, now }) => {
    onlyFields(req.body, new Set(['id']));
    const st = storeState(oa, now);
    st.products.delete(find(st.products, req.body.id).id);
    return undefined;
  }),
  // Zalo answers the category list as a bare array [I CC-cs].
  r('GET', P.cateList, ({ req, oa, now }) => listed([...storeState(oa, now).categories.values()], req).map(({ created_time: _c, ...c }) => c)),
  r('POST', P.cateCreate, ({ req, oa, sim, now }) => {
    onlyFields(req.body, new Set(['name', 'description']));
    const id = nextId(sim, '');
    storeState(oa, now).categories.set(id, { id, name: text(req.body.name, 'name', 100), description: text(req.body.description, 'description', 500, false), created_time: now });
    return { id };
  }),
  r('POST', P.cateUpdate, ({ req, oa, now }) => {
    onlyFields(req.body, new Set(['id', 'name', 'description']));
    const c = find(storeState(oa, now).categories, req.body.id);
    if (req.body.name !== undefined) c.name = text(req.body.name, 'name', 100);
    if (req.body.description !== undefined) c.description = text(req.body.description, 'description', 500, false);
    return undefined;
  }),
  r('POST', P.cateRemove, ({ req, oa, now }) => {
    onlyFields(req.body, new Set(['id']));
    const st = storeState(oa, now);
    st.categories.delete(find(st.categories, req.body.id).id);
    return undefined;
  }),
  r('GET', P.orderList, ({ req, oa, now }) => {
    const q = query(req);
    const status = q.status === undefined ? undefined : Number(q.status);
    if (status !== undefined && !Object.values(S).includes(status as never)) throw invalid('status');
    const all = [...storeState(oa, now).orders.values()].filter((o) => status === undefined || o.status === status).sort((a, b) => b.created_time - a.created_time);
    return { orders: listed(all, req).map(orderOut), total: all.length };
  }),
  r('GET', P.orderGet, ({ req, oa, now }) => orderOut(find(storeState(oa, now).orders, query(req).id))),
  r('POST', P.orderUpdateStatus, ({ req, oa, now }) => {
    onlyFields(req.body, new Set(['ids', 'status']));
    const { ids, status } = req.body;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIST_CAP || ids.some((i) => typeof i !== 'string')) throw invalid('ids');
    const target = int(status, 'status', 1, 6);
    const orders = ids.map((id) => find(storeState(oa, now).orders, id, 'ids'));
    const stuck = orders.find((o) => !(MOVES[target] ?? []).includes(o.status));
    if (stuck) throw new SimError(-201, `status is invalid! Order ${stuck.id} cannot move from ${stuck.status} to ${target}`);
    for (const o of orders) Object.assign(o, { status: target, updated_time: now });
    return undefined;
  }),
];
