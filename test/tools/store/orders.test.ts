import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { STORE_PATHS } from '../../../src/zalo/endpoints/store.js';

const orders = (t: TestContext) => (t.sim.oa().slices.get('store') as { orders: Map<string, Record<string, any>> }).orders;

describe('store orders', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('lists orders newest first, filtered by status', async () => {
    const all = await t.ok('store_orders_list', {});
    expect(all.total).toBe(8);
    expect(new Set(all.items.map((o: any) => o.status))).toEqual(new Set(['new', 'confirmed', 'shipping', 'delivered', 'cancelled', 'returned']));
    const delivered = await t.ok('store_orders_list', { status: 'delivered' });
    expect(delivered.total).toBe(2);
    expect(delivered.items.every((o: any) => o.status === 'delivered')).toBe(true);
    expect(t.sim.calls(STORE_PATHS.orderList)[1]!.data).toEqual({ offset: 0, count: 20, filter: 4 });
  });

  it('gets one order with totals in VND', async () => {
    const id = (await t.ok('store_orders_list', { status: 'cancelled' })).items[0].id;
    const o = await t.ok('store_orders_get', { id });
    expect(o).toMatchObject({ id, status: 'cancelled', cancel_reason: 'Khách đổi ý', items: [{ name: 'Đầm dạ hội nhung', price: 3_200_000, quantity: 1 }] });
    expect(o.total).toBe(3_200_000 + o.shipping_fee);
  });

  it('creates an order with a normalised phone, priced from the catalogue', async () => {
    const products = (await t.ok('store_products_list', { count: 50 })).items;
    const shirt = products.find((p: any) => p.code === 'SM-001');
    const r = await t.ok('store_orders_create', {
      customer_name: 'Võ Thị Mai', customer_phone: '0905 123 456', address: '3 Lý Thường Kiệt, Huế',
      items: [{ product_id: shirt.id, quantity: 2 }], shipping_fee: 25_000, note: 'Gói quà',
    });
    expect(r).toMatchObject({ status: 'new', customer_phone: '84905123456', total: 2 * 450_000 + 25_000, items: [{ product_id: shirt.id, quantity: 2, price: 450_000 }] });
    expect(t.sim.calls(STORE_PATHS.orderCreate)[0]!.body).toMatchObject({ customerPhone: '84905123456', items: [{ productid: shirt.id, quantity: 2 }], shippingFee: 25_000 });
    expect(orders(t).get(r.id)).toMatchObject({ customerName: 'Võ Thị Mai', status: 1 });
  });

  it('is never retried automatically, even on a retryable error', async () => {
    const pid = (await t.ok('store_products_list', { count: 1 })).items[0].id;
    t.sim.failNext({ path: STORE_PATHS.orderCreate, code: -32, message: 'Your application reached limit call api' });
    expect(await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '0912345678', address: 'HN', items: [{ product_id: pid, quantity: 1 }] })).toMatch(/\(Zalo error -32\)/);
    expect(t.sim.calls(STORE_PATHS.orderCreate)).toHaveLength(1);
    const id = (await t.ok('store_orders_list', { status: 'new' })).items[0].id;
    t.sim.failNext({ path: STORE_PATHS.orderUpdate, code: -32 });
    await t.fail('store_orders_update', { id, status: 'confirmed' });
    expect(t.sim.calls(STORE_PATHS.orderUpdate)).toHaveLength(1);
  });

  it('moves an order through its statuses, and Zalo refuses an impossible move', async () => {
    const id = (await t.ok('store_orders_list', { status: 'new' })).items[0].id;
    expect(await t.ok('store_orders_update', { id, status: 'confirmed' })).toEqual({ id, status: 'confirmed' });
    expect(t.sim.calls(STORE_PATHS.orderUpdate)[0]!.body).toEqual({ orderid: id, status: 2 });
    expect(await t.fail('store_orders_update', { id, status: 'delivered' })).toMatch(/status is invalid!.*\(Zalo error -201\)/);
    await t.ok('store_orders_update', { id, status: 'cancelled', cancel_reason: 'Hết hàng' });
    expect(orders(t).get(id)).toMatchObject({ status: 5, cancelReason: 'Hết hàng' });
  });

  it('reads [I] order shapes tolerantly (string status, quantities and money)', async () => {
    const id = (await t.ok('store_orders_list', { status: 'confirmed' })).items[0].id;
    const o = orders(t).get(id)!;
    Object.assign(o, { status: '2', shippingFee: 30_000, note: null, items: o.items.map((i: any) => ({ ...i, quantity: String(i.quantity), price: String(i.price) })) });
    const got = await t.ok('store_orders_get', { id });
    expect(got).toMatchObject({ id, status: 'confirmed', shipping_fee: 30_000, items: [{ quantity: 2, price: 680_000 }], total: 2 * 680_000 + 30_000 });
    expect(got.note).toBeUndefined();
  });

  it('reports Zalo errors for unknown ids', async () => {
    expect(await t.fail('store_orders_get', { id: '1' })).toMatch(/^Get store order failed: orderid is invalid! \(Zalo error -201\)/);
    expect(await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '0912345678', address: 'HN', items: [{ product_id: '42', quantity: 1 }] })).toMatch(/productid is invalid!/);
    t.sim.failNext({ path: STORE_PATHS.orderList, code: -209, message: 'Not supported this api' });
    expect(await t.fail('store_orders_list', {})).toMatch(/\(Zalo error -209\)/);
  });

  it('refuses invalid input without calling Zalo', async () => {
    expect(await t.fail('store_orders_update', { id: '1', status: 'cancelled' })).toMatch(/cancel_reason is required/);
    expect(await t.fail('store_orders_update', { id: '1', status: 'confirmed', cancel_reason: 'x' })).toMatch(/only for status cancelled/);
    await t.fail('store_orders_update', { id: '1', status: 'lost' });
    expect(await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '12345', address: 'HN', items: [{ product_id: '1', quantity: 1 }] })).toMatch(/customer_phone/);
    await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '0912345678', address: 'HN', items: [] });
    await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '0912345678', address: 'HN', items: [{ product_id: '1', quantity: 0 }] });
    await t.fail('store_orders_create', { customer_name: 'A', customer_phone: '0912345678', address: 'HN', items: [{ product_id: '1', quantity: 1 }], shipping_fee: 1.5 });
    await t.fail('store_orders_get', { id: '' });
    await t.fail('store_orders_list', { status: 'lost' });
    expect(t.sim.requests.filter((r) => r.path.includes('/store/'))).toEqual([]);
  });
});
