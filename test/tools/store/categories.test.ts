import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { STORE_PATHS } from '../../../src/zalo/endpoints/store.js';

const cats = (t: TestContext) => (t.sim.oa().slices.get('store') as { categories: Map<string, Record<string, any>> }).categories;

describe('store categories', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('lists the seeded categories', async () => {
    const r = await t.ok('store_categories_list', {});
    expect(r).toMatchObject({ total: 4, next_offset: null });
    expect(r.items.map((c: any) => c.name)).toEqual(['Áo sơ mi', 'Áo dài', 'Váy đầm', 'Phụ kiện']);
    expect(r.items[0]).toMatchObject({ status: 'show', description: 'Sơ mi công sở nam nữ' });
  });

  it('creates a hidden category', async () => {
    const r = await t.ok('store_categories_create', { name: 'Quà Tết', description: 'Hộp quà và phụ kiện Tết', status: 'hide' });
    expect(r).toMatchObject({ name: 'Quà Tết', status: 'hide' });
    expect(t.sim.calls(STORE_PATHS.categoryCreate)[0]!.body).toEqual({ name: 'Quà Tết', desc: 'Hộp quà và phụ kiện Tết', status: 1 });
    expect(cats(t).get(r.id)).toMatchObject({ name: 'Quà Tết', status: 1 });
  });

  it('updates only the fields given', async () => {
    const id = (await t.ok('store_categories_list', {})).items[3].id;
    expect(await t.ok('store_categories_update', { id, status: 'hide' })).toEqual({ id, updated: ['status'] });
    expect(t.sim.calls(STORE_PATHS.categoryUpdate)[0]!.body).toEqual({ categoryid: id, category: { status: 1 } });
    expect(cats(t).get(id)).toMatchObject({ name: 'Phụ kiện', status: 1 });
  });

  it('reports Zalo errors', async () => {
    expect(await t.fail('store_categories_update', { id: '404', name: 'X' })).toMatch(/^Update store category failed: categoryid is invalid! \(Zalo error -201\)/);
    t.sim.failNext({ path: STORE_PATHS.categoryCreate, code: -223, message: 'OA has not authorized this API' });
    expect(await t.fail('store_categories_create', { name: 'X' })).toMatch(/\(Zalo error -223\)/);
    t.sim.failNext({ path: STORE_PATHS.categoryList, code: -205, message: 'OA does not exist' });
    expect(await t.fail('store_categories_list', {})).toMatch(/\(Zalo error -205\)/);
  });

  it('refuses invalid input without calling Zalo', async () => {
    expect(await t.fail('store_categories_update', { id: '1' })).toMatch(/nothing to update/);
    await t.fail('store_categories_create', { name: 'x'.repeat(101) });
    await t.fail('store_categories_create', { name: 'X', status: 'visible' });
    await t.fail('store_categories_list', { offset: -1 });
    expect(t.sim.requests.filter((r) => r.path.includes('/store/'))).toEqual([]);
  });
});
