/** store_orders_*: order/{getorderofoa,getorder,updatestatus} with Zalo Shop's statuses 1-6. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

const O = '/v2.0/mstore/order';
const orders = (t: TestContext) => (t.sim.oa().slices.get('store') as { orders: Map<string, Record<string, any>> }).orders;
const idsOf = async (t: TestContext, status: string) => (await t.ok('store_orders_list', { status })).items.map((o: any) => o.id as string);

describe('store orders (mstore)', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('store_orders_list pages all orders or one status (status sent as its code)', async () => {
    const all = await t.ok('store_orders_list', {});
    expect(all.total).toBe(8);
    expect(new Set(all.items.map((o: any) => o.status))).toEqual(new Set(['new', 'confirmed', 'cancelled_by_seller', 'cancelled_by_buyer', 'shipping', 'completed']));
    expect(t.sim.calls(`${O}/getorderofoa`)[0]!.query).toEqual({ offset: '0', limit: '20' });
    const done = await t.ok('store_orders_list', { status: 'completed', count: 1 });
    expect(done).toMatchObject({ total: 2, next_offset: 1 });
    expect(done.items[0].status).toBe('completed');
    expect(t.sim.calls(`${O}/getorderofoa`)[1]!.query).toEqual({ status: '6', offset: '0', limit: '1' });
  });

  it('store_orders_get reads by id, totals in integer VND', async () => {
    const [id] = await idsOf(t, 'cancelled_by_seller');
    const o = await t.ok('store_orders_get', { id });
    expect(t.sim.calls(`${O}/getorder`).at(-1)!.query).toEqual({ id });
    expect(o).toMatchObject({ id, status: 'cancelled_by_seller', items: [{ name: 'Đầm dạ hội nhung', price: 3_200_000, quantity: 1 }] });
    expect(o.total).toBe(3_200_000 + o.shipping_fee);
  });

  it('store_orders_update moves several orders in one updatestatus {ids, status}', async () => {
    const ids = await idsOf(t, 'new');
    expect(ids).toHaveLength(2);
    expect(await t.ok('store_orders_update', { ids, status: 'confirmed' })).toEqual({ ids, status: 'confirmed' });
    const sent = t.sim.calls(`${O}/updatestatus`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ ids, status: 2 });
    for (const id of ids) expect(orders(t).get(id)!.status).toBe(2);
    await t.ok('store_orders_update', { ids: [ids[0]], status: 'shipping' });
    expect(t.sim.calls(`${O}/updatestatus`)[1]!.body).toEqual({ ids: [ids[0]], status: 5 });
    await t.ok('store_orders_update', { ids: [ids[1]], status: 'cancelled_by_seller' });
    expect(orders(t).get(ids[1]!)!.status).toBe(3);
  });

  it('refuses an illegal move before sending, naming each order\'s status', async () => {
    const [fresh] = await idsOf(t, 'new');
    const [shipping] = await idsOf(t, 'shipping');
    const msg = await t.fail('store_orders_update', { ids: [fresh, shipping], status: 'cancelled_by_seller' });
    expect(msg).toContain(`${shipping} is shipping`);
    expect(msg).toMatch(/reachable only from new or confirmed/);
    expect(await t.fail('store_orders_update', { ids: [fresh], status: 'completed' })).toContain(`${fresh} is new`);
    expect(t.sim.calls(`${O}/updatestatus`)).toEqual([]);
    expect(orders(t).get(fresh!)!.status).toBe(1);
    await t.fail('store_orders_update', { ids: [fresh], status: 'cancelled_by_buyer' });
    await t.fail('store_orders_update', { ids: [], status: 'confirmed' });
  });

  it('never retries an order write, even on a retryable error', async () => {
    const [id] = await idsOf(t, 'new');
    t.sim.failNext({ path: `${O}/updatestatus`, code: -32, message: 'Your application reached limit call api' });
    expect(await t.fail('store_orders_update', { ids: [id], status: 'confirmed' })).toMatch(/\(Zalo error -32\)/);
    expect(t.sim.calls(`${O}/updatestatus`)).toHaveLength(1);
    expect(orders(t).get(id!)!.status).toBe(1);
  });

  it('reads tolerant order shapes (string status, quantities and money)', async () => {
    const [id] = await idsOf(t, 'confirmed');
    const o = orders(t).get(id!)!;
    Object.assign(o, { status: '2', shipping_fee: 30_000, note: null, products: o.products.map((i: any) => ({ ...i, quantity: String(i.quantity), price: String(i.price) })) });
    const got = await t.ok('store_orders_get', { id });
    expect(got).toMatchObject({ id, status: 'confirmed', shipping_fee: 30_000, items: [{ quantity: 2, price: 680_000 }] });
    expect(got.note).toBeUndefined();
  });
});

describe('store_orders_update in dry-run mode', () => {
  it('checks the moves against the current statuses, then returns the exact request without sending', async () => {
    const t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    try {
      const ids = await idsOf(t, 'new');
      const r = await t.ok('store_orders_update', { ids, status: 'confirmed' });
      expect(r).toMatchObject({ dry_run: true, sent: false, request: { method: 'POST', body: { ids, status: 2 } } });
      expect(r.request.url).toMatch(/\/openapi\/v2\.0\/mstore\/order\/updatestatus$/);
      expect(t.sim.calls(`${O}/getorder`)).toHaveLength(2);
      expect(t.sim.calls(`${O}/updatestatus`)).toHaveLength(0);
      expect(await t.fail('store_orders_update', { ids, status: 'completed' })).toMatch(/is new/);
    } finally {
      await t.close();
    }
  });
});
