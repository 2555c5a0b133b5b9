/**
 * Store routes (legacy Zalo store API under the paths of STORE_PATHS): products, categories and
 * orders with Zalo's errors for unknown ids (-201 "<field> is invalid!"), bad parameters and the
 * list cap (-210 above 50). Order status moves only forward (new → confirmed → shipping →
 * delivered → returned; cancel before shipping), which is what a shop expects [I].
 */
import { ORDER_STATUS as S, STORE_PATHS as P } from '../../zalo/endpoints/store.js';
import { SimError, invalid, need, page, type Route } from '../router.js';
import { nextId, slice, type OaState } from '../state.js';
import { seedStore, type SimCategory, type SimOrder, type SimProduct } from '../seed/store.js';

interface StoreState { categories: Map<string, SimCategory>; products: Map<string, SimProduct>; orders: Map<string, SimOrder> }
const LIST_CAP = 50;
const MAX_PRICE = 1_000_000_000;

export function storeState(oa: OaState, now: number): StoreState {
  return slice(oa, 'store', () => {
    const s = seedStore(oa, now);
    return { categories: new Map(s.categories.map((c) => [c.id, c])), products: new Map(s.products.map((p) => [p.id, p])), orders: new Map(s.orders.map((o) => [o.id, o])) };
  });
}

const NEXT: Record<number, number[]> = { [S.new]: [S.confirmed, S.cancelled], [S.confirmed]: [S.shipping, S.cancelled], [S.shipping]: [S.delivered, S.returned], [S.delivered]: [S.returned] };

function find<T>(map: Map<string, T>, id: unknown, field: string): T {
  const v = map.get(String(id ?? ''));
  if (!v) throw invalid(field);
  return v;
}
function money(v: unknown, field: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PRICE) throw invalid(field);
  return n;
}
function text(v: unknown, field: string, max: number, required = true): string {
  if (v === undefined || v === null || v === '') { if (required) throw invalid(field); return ''; }
  const s = String(v);
  if (s.length > max) throw new SimError(-201, `${field} is invalid! Maximum length is ${max}`);
  return s;
}

function readProduct(b: Record<string, unknown>, st: StoreState, base?: SimProduct) {
  const cateids = Array.isArray(b.cateids) ? (b.cateids as Array<{ cateid?: unknown }>).map((c) => find(st.categories, c?.cateid, 'cateid').id) : base?.cateids ?? [];
  if (b.display !== undefined && b.display !== 'show' && b.display !== 'hide') throw invalid('display');
  return {
    name: b.name === undefined && base ? base.name : text(b.name, 'name', 200), code: b.code === undefined && base ? base.code : text(b.code, 'code', 50, false),
    price: b.price === undefined && base ? base.price : money(b.price, 'price'), desc: b.desc === undefined && base ? base.desc : text(b.desc, 'desc', 2000, false),
    display: (b.display ?? base?.display ?? 'show') as 'show' | 'hide', cateids,
  };
}
const productOut = (p: SimProduct) => ({ ...p, cateids: p.cateids.map((cateid) => ({ cateid })), photos: [] });
const orderOut = (o: SimOrder) => ({ ...o, totalAmount: o.items.reduce((s, i) => s + i.price * i.quantity, 0) + o.shippingFee });

const r = (method: 'GET' | 'POST', path: string, handle: Route['handle']): Route => ({ family: 'openapi', method, path, handle });

export const storeRoutes: Route[] = [
  r('POST', P.productCreate, ({ req, oa, sim, now }) => {
    const st = storeState(oa, now);
    const id = nextId(sim, '');
    st.products.set(id, { id, ...readProduct(req.body, st), createdTime: now, updatedTime: now });
    return { id };
  }),
  r('POST', P.productUpdate, ({ req, oa, now }) => {
    const st = storeState(oa, now);
    const cur = find(st.products, req.body.productid, 'productid');
    Object.assign(cur, readProduct((req.body.product ?? {}) as Record<string, unknown>, st, cur), { updatedTime: now });
    return undefined;
  }),
  r('GET', P.productGet, ({ req, oa, now }) => productOut(find(storeState(oa, now).products, req.data.productid, 'productid'))),
  r('GET', P.productList, ({ req, oa, now }) => {
    const all = [...storeState(oa, now).products.values()].sort((a, b) => b.createdTime - a.createdTime);
    return { products: page(all, req.data, LIST_CAP).slice.map(productOut), total: all.length };
  }),
  r('POST', P.categoryCreate, ({ req, oa, sim, now }) => {
    const id = nextId(sim, '');
    const status = Number(req.body.status ?? 0);
    if (status !== 0 && status !== 1) throw invalid('status');
    storeState(oa, now).categories.set(id, { id, name: text(req.body.name, 'name', 100), desc: text(req.body.desc, 'desc', 500, false), status, createdTime: now });
    return { id };
  }),
  r('POST', P.categoryUpdate, ({ req, oa, now }) => {
    const cur = find(storeState(oa, now).categories, req.body.categoryid, 'categoryid');
    const c = (req.body.category ?? {}) as Record<string, unknown>;
    if (c.status !== undefined && c.status !== 0 && c.status !== 1) throw invalid('status');
    Object.assign(cur, c.name !== undefined ? { name: text(c.name, 'name', 100) } : {}, c.desc !== undefined ? { desc: text(c.desc, 'desc', 500, false) } : {}, c.status !== undefined ? { status: c.status } : {});
    return undefined;
  }),
  r('GET', P.categoryList, ({ req, oa, now }) => {
    const all = [...storeState(oa, now).categories.values()];
    return { categories: page(all, req.data, LIST_CAP).slice.map(({ createdTime: _c, ...c }) => c), total: all.length };
  }),
  r('POST', P.orderCreate, ({ req, oa, sim, now }) => {
    const st = storeState(oa, now);
    const b = req.body;
    if (!Array.isArray(b.items) || b.items.length === 0) throw invalid('items');
    const items = (b.items as Array<Record<string, unknown>>).map((i) => {
      const p = find(st.products, i?.productid, 'productid');
      const quantity = Number(i.quantity);
      if (!Number.isInteger(quantity) || quantity < 1) throw invalid('quantity');
      return { productid: p.id, name: p.name, price: p.price, quantity };
    });
    if (!/^84\d{9}$/.test(String(b.customerPhone ?? ''))) throw invalid('customerPhone');
    if (b.userId !== undefined && !oa.followers.has(String(b.userId))) throw invalid('userId');
    const order: SimOrder = {
      id: nextId(sim, ''), status: S.new, ...(b.userId !== undefined ? { userId: String(b.userId) } : {}), customerName: text(b.customerName, 'customerName', 100),
      customerPhone: String(b.customerPhone), address: text(b.address, 'address', 300), items, shippingFee: money(b.shippingFee ?? 0, 'shippingFee'),
      note: text(b.note, 'note', 500, false), createdTime: now, updatedTime: now,
    };
    st.orders.set(order.id, order);
    return orderOut(order);
  }),
  r('POST', P.orderUpdate, ({ req, oa, now }) => {
    const o = find(storeState(oa, now).orders, req.body.orderid, 'orderid');
    const status = Number(need(req.body, 'status'));
    if (!Object.values(S).includes(status as never)) throw invalid('status');
    if (status !== o.status && !(NEXT[o.status] ?? []).includes(status)) throw new SimError(-201, `status is invalid! Order ${o.id} cannot move from ${o.status} to ${status}`);
    if (status === S.cancelled) o.cancelReason = text(req.body.cancelReason, 'cancelReason', 500);
    if (req.body.reason !== undefined) o.reason = text(req.body.reason, 'reason', 500, false);
    Object.assign(o, { status, updatedTime: now });
    return undefined;
  }),
  r('GET', P.orderGet, ({ req, oa, now }) => orderOut(find(storeState(oa, now).orders, req.data.orderid, 'orderid'))),
  r('GET', P.orderList, ({ req, oa, now }) => {
    const filter = req.data.filter === undefined ? undefined : Number(req.data.filter);
    if (filter !== undefined && !Object.values(S).includes(filter as never)) throw invalid('filter');
    const all = [...storeState(oa, now).orders.values()].filter((o) => filter === undefined || o.status === filter).sort((a, b) => b.createdTime - a.createdTime);
    return { orders: page(all, req.data, LIST_CAP).slice.map(orderOut), total: all.length };
  }),
];
