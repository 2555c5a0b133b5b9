/** store_products_*: each request checked field by field against ZALO_API.md §9 (mstore). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

const M = '/v2.0/mstore/product';
type Store = { products: Map<string, Record<string, any>>; categories: Map<string, Record<string, any>> };
const store = (t: TestContext) => t.sim.oa().slices.get('store') as Store;

describe('store products (mstore)', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('store_products_list pages with plain offset/limit and integer VND prices', async () => {
    const p = await t.ok('store_products_list', { count: 5 });
    expect(p).toMatchObject({ offset: 0, count: 5, total: 12, next_offset: 5 });
    const call = t.sim.calls(`${M}/getproductofoa`)[0]!;
    expect(call.method).toBe('GET');
    expect(call.query).toEqual({ offset: '0', limit: '5' });
    const all = (await t.ok('store_products_list', { count: 50 })).items;
    expect(all).toHaveLength(12);
    const aoDai = all.find((x: any) => x.sku === 'AD-002');
    expect(aoDai).toMatchObject({ name: 'Áo dài lụa hoa sen', price: 2_350_000, status: 'show', category_id: expect.any(String) });
    expect(Number.isInteger(aoDai.price)).toBe(true);
    expect(all.filter((x: any) => x.status === 'hide')).toHaveLength(1);
  });

  it('store_products_list with sku searches through product/search', async () => {
    const r = await t.ok('store_products_list', { sku: 'AD-', count: 10 });
    expect(r.items.map((x: any) => x.sku).sort()).toEqual(['AD-001', 'AD-002', 'AD-003']);
    expect(t.sim.calls(`${M}/search`)[0]!.query).toEqual({ offset: '0', limit: '10', code: 'AD-' });
    expect(t.sim.calls(`${M}/getproductofoa`)).toHaveLength(0);
  });

  it('store_products_get reads by id, with its sale period', async () => {
    const id = (await t.ok('store_products_list', { sku: 'AD-001' })).items[0].id;
    const got = await t.ok('store_products_get', { id });
    expect(t.sim.calls(`${M}/getproduct`)[0]!.query).toEqual({ id });
    expect(got).toMatchObject({ id, sku: 'AD-001', price: 1_850_000, sales: [{ percent: 10, start: expect.any(String), end: expect.any(String) }] });
  });

  it('store_products_create sends the sheet\'s product body', async () => {
    const cat = (await t.ok('store_categories_list', {})).items[1].id;
    const r = await t.ok('store_products_create', {
      name: 'Áo dài Tết đỏ thắm', sku: 'AD-TET', price: 1_590_000, category_id: cat, description: 'Gấm đỏ, thêu hoa mai', type_ids: ['12', '34'],
      photos: ['ph_1'], sale_percent: 15, sale_start: '2027-01-20T00:00:00+07:00', sale_end: '2027-02-05T00:00:00+07:00',
    });
    expect(t.sim.calls(`${M}/create`)[0]!.body).toEqual({
      code: 'AD-TET', name: 'Áo dài Tết đỏ thắm', description: 'Gấm đỏ, thêu hoa mai', price: 1_590_000, type_id_level1: '12', type_id_level2: '34',
      collection_id: cat, photos: ['ph_1'], sales: [{ start_time: Date.parse('2027-01-20T00:00:00+07:00'), end_time: Date.parse('2027-02-05T00:00:00+07:00'), sale_percent: 15 }], status: 1,
    });
    expect(store(t).products.get(r.id)).toMatchObject({ name: 'Áo dài Tết đỏ thắm', price: 1_590_000, collection_id: cat });
    expect(await t.ok('store_products_get', { id: r.id })).toMatchObject({ id: r.id, price: 1_590_000, category_id: cat, type_ids: ['12', '34'], status: 'show' });
  });

  it('store_products_update reads first and sends the whole product with id', async () => {
    const id = (await t.ok('store_products_list', { sku: 'SM-001' })).items[0].id;
    const before = { ...store(t).products.get(id)! };
    const r = await t.ok('store_products_update', { id, price: 399_000, status: 'hide' });
    expect(r).toEqual({ id, updated: ['price', 'status'] });
    expect(t.sim.calls(`${M}/update`)[0]!.body).toEqual({ id, code: 'SM-001', name: before.name, description: before.description, price: 399_000, collection_id: before.collection_id, status: 0 });
    expect(store(t).products.get(id)).toMatchObject({ price: 399_000, status: 0, name: before.name });
    expect(await t.fail('store_products_update', { id })).toMatch(/nothing to update/);
  });

  it('store_products_update keeps the current sale unless a new one is given', async () => {
    const id = (await t.ok('store_products_list', { sku: 'AD-001' })).items[0].id;
    const sale = store(t).products.get(id)!.sales[0];
    await t.ok('store_products_update', { id, name: 'Áo dài gấm đỏ 2027' });
    expect(t.sim.calls(`${M}/update`)[0]!.body.sales).toEqual([sale]);
    await t.ok('store_products_update', { id, sale_percent: 30, sale_start: '2027-03-01T00:00:00Z', sale_end: '2027-03-08T00:00:00Z' });
    expect(t.sim.calls(`${M}/update`)[1]!.body.sales).toEqual([{ start_time: Date.parse('2027-03-01T00:00:00Z'), end_time: Date.parse('2027-03-08T00:00:00Z'), sale_percent: 30 }]);
  });

  it('store_products_delete removes by {id}', async () => {
    const id = (await t.ok('store_products_list', { count: 1 })).items[0].id;
    expect(await t.ok('store_products_delete', { id })).toEqual({ id, deleted: true });
    expect(t.sim.calls(`${M}/remove`)[0]!.body).toEqual({ id });
    expect(store(t).products.has(id)).toBe(false);
    expect(await t.fail('store_products_get', { id })).toMatch(/id is invalid! \(Zalo error -201\)/);
  });

  it('refuses bad input before Zalo sees it', async () => {
    await t.fail('store_products_create', { name: 'X', price: 1.5 });
    await t.fail('store_products_create', { name: 'X', price: -1 });
    await t.fail('store_products_create', { name: 'X', price: 1000, type_ids: ['1', '2', '3', '4'] });
    expect(await t.fail('store_products_create', { name: 'X', price: 1000, sale_percent: 10, sale_start: '2027-02-01T00:00:00Z', sale_end: '2027-01-01T00:00:00Z' })).toMatch(/sale_end must be after sale_start/);
    expect(await t.fail('store_products_create', { name: 'X', price: 1000, sale_percent: 10 })).toMatch(/go together/);
    expect(await t.fail('store_products_create', { name: 'X', price: 1000, sale_percent: 10, sale_start: 'soon', sale_end: '2027-01-01T00:00:00Z' })).toMatch(/sale_start/);
    await t.fail('store_products_list', { count: 51 });
    expect(t.sim.requests.filter((r) => r.path.includes('/mstore/'))).toEqual([]);
  });
});
