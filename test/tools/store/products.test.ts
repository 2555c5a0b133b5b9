import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { STORE_PATHS } from '../../../src/zalo/endpoints/store.js';

type Store = { products: Map<string, Record<string, any>>; categories: Map<string, Record<string, any>> };
const store = (t: TestContext) => t.sim.oa().slices.get('store') as Store;

describe('store products', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('lists the seeded catalogue page by page with VND prices', async () => {
    const p = await t.ok('store_products_list', { count: 5 });
    expect(p).toMatchObject({ offset: 0, count: 5, total: 12, next_offset: 5 });
    expect(t.sim.calls(STORE_PATHS.productList)[0]!.data).toEqual({ offset: 0, count: 5 });
    const all = [...(await t.ok('store_products_list', { count: 50 })).items];
    expect(all).toHaveLength(12);
    const aoDai = all.find((x: any) => x.code === 'AD-002');
    expect(aoDai).toMatchObject({ name: 'Áo dài lụa hoa sen', price: 2_350_000, display: 'show', category_ids: [expect.any(String)] });
    expect(all.filter((x: any) => x.display === 'hide')).toHaveLength(1);
  });

  it('creates a product in a category and reads it back', async () => {
    const cat = (await t.ok('store_categories_list', {})).items[1].id;
    const r = await t.ok('store_products_create', { name: 'Áo dài Tết đỏ thắm', code: 'AD-TET', price: 1_590_000, category_ids: [cat], description: 'Gấm đỏ, thêu hoa mai' });
    expect(t.sim.calls(STORE_PATHS.productCreate)[0]!.body).toEqual({ name: 'Áo dài Tết đỏ thắm', code: 'AD-TET', price: 1_590_000, desc: 'Gấm đỏ, thêu hoa mai', display: 'show', cateids: [{ cateid: cat }], photos: [] });
    expect(store(t).products.get(r.id)).toMatchObject({ name: 'Áo dài Tết đỏ thắm', price: 1_590_000, cateids: [cat] });
    const got = await t.ok('store_products_get', { id: r.id });
    expect(got).toMatchObject({ id: r.id, price: 1_590_000, category_ids: [cat], description: 'Gấm đỏ, thêu hoa mai' });
  });

  it('updates only the given fields', async () => {
    const id = (await t.ok('store_products_list', { count: 1 })).items[0].id;
    const before = { ...store(t).products.get(id)! };
    const r = await t.ok('store_products_update', { id, price: 399_000, display: 'hide' });
    expect(r).toMatchObject({ id, price: 399_000, display: 'hide', name: before.name });
    const sent = t.sim.calls(STORE_PATHS.productUpdate)[0]!.body;
    expect(sent).toMatchObject({ productid: id, product: { name: before.name, code: before.code, price: 399_000, display: 'hide', cateids: [{ cateid: before.cateids[0] }] } });
    expect(store(t).products.get(id)).toMatchObject({ price: 399_000, display: 'hide', name: before.name });
  });

  it('reads [I] shapes tolerantly: numbers as strings, null as absent', async () => {
    const id = (await t.ok('store_products_list', { count: 1 })).items[0].id;
    Object.assign(store(t).products.get(id)!, { price: '1250000', code: null, desc: 12345, createdTime: String(Date.UTC(2025, 0, 2)) });
    expect(await t.ok('store_products_get', { id })).toMatchObject({ id, price: 1_250_000, description: '12345', created_at: '2025-01-02T00:00:00.000Z' });
    expect((await t.ok('store_products_get', { id })).code).toBeUndefined();
  });

  it('refuses to update when Zalo did not return the current price, instead of sending 0', async () => {
    const id = (await t.ok('store_products_list', { count: 1 })).items[0].id;
    delete store(t).products.get(id)!.price;
    expect(await t.fail('store_products_update', { id, display: 'hide' })).toMatch(/did not return the product's current price.*Call again with price given/);
    expect(t.sim.calls(STORE_PATHS.productUpdate)).toEqual([]);
    await t.ok('store_products_update', { id, display: 'hide', price: 100_000 });
    expect(t.sim.calls(STORE_PATHS.productUpdate)[0]!.body.product).toMatchObject({ price: 100_000, display: 'hide' });
  });

  it('reports Zalo errors for unknown ids and categories', async () => {
    expect(await t.fail('store_products_get', { id: '123' })).toMatch(/^Get store product failed: productid is invalid! \(Zalo error -201\)/);
    expect(await t.fail('store_products_update', { id: '123', price: 1 })).toMatch(/productid is invalid!/);
    expect(await t.fail('store_products_create', { name: 'X', price: 1, category_ids: ['999'] })).toMatch(/cateid is invalid! \(Zalo error -201\)/);
    t.sim.failNext({ path: STORE_PATHS.productList, code: -209, message: 'Not supported this api' });
    expect(await t.fail('store_products_list', {})).toMatch(/List store products failed: Not supported this api \(Zalo error -209\)/);
  });

  it.each([
    ['a fractional price', { name: 'X', price: 10.5, category_ids: ['1'] }],
    ['a negative price', { name: 'X', price: -1, category_ids: ['1'] }],
    ['a price over 1 billion', { name: 'X', price: 1_000_000_001, category_ids: ['1'] }],
    ['a price as a string', { name: 'X', price: '100000', category_ids: ['1'] }],
    ['no category', { name: 'X', price: 1, category_ids: [] }],
    ['an empty name', { name: '', price: 1, category_ids: ['1'] }],
  ])('refuses %s without calling Zalo', async (_n, args) => {
    await t.fail('store_products_create', args);
    expect(t.sim.calls(STORE_PATHS.productCreate)).toEqual([]);
  });

  it('refuses bad update/get/list input without calling Zalo', async () => {
    await t.fail('store_products_update', { id: 'a b', price: 1 });
    await t.fail('store_products_get', { id: '' });
    await t.fail('store_products_list', { count: 51 });
    expect(t.sim.requests.filter((r) => r.path.includes('/store/'))).toEqual([]);
  });
});
