/** store_categories_*: cate/{getcateofoa,create,update,remove} as ZALO_API.md §9 gives them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

const C = '/v2.0/mstore/cate';
const categories = (t: TestContext) => (t.sim.oa().slices.get('store') as { categories: Map<string, Record<string, any>> }).categories;

describe('store categories (mstore)', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('store_categories_list reads Zalo\'s bare array with plain query params', async () => {
    const r = await t.ok('store_categories_list', {});
    expect(r.items.map((c: any) => c.name)).toEqual(['Áo sơ mi', 'Áo dài', 'Váy đầm', 'Phụ kiện']);
    expect(r.next_offset).toBeNull();
    expect(t.sim.calls(`${C}/getcateofoa`)[0]!.query).toEqual({ offset: '0', limit: '20' });
    const second = await t.ok('store_categories_list', { count: 2 });
    expect(second).toMatchObject({ count: 2, next_offset: 2 });
  });

  it('store_categories_create sends {name, description}', async () => {
    const r = await t.ok('store_categories_create', { name: 'Đồ Tết', description: 'Bộ sưu tập Tết' });
    expect(t.sim.calls(`${C}/create`)[0]!.body).toEqual({ name: 'Đồ Tết', description: 'Bộ sưu tập Tết' });
    expect(categories(t).get(r.id)).toMatchObject({ name: 'Đồ Tết', description: 'Bộ sưu tập Tết' });
  });

  it('store_categories_update sends {id} plus only the given fields', async () => {
    const id = (await t.ok('store_categories_list', {})).items[0].id;
    expect(await t.ok('store_categories_update', { id, name: 'Sơ mi' })).toEqual({ id, updated: ['name'] });
    expect(t.sim.calls(`${C}/update`)[0]!.body).toEqual({ id, name: 'Sơ mi' });
    expect(categories(t).get(id)).toMatchObject({ name: 'Sơ mi', description: 'Sơ mi công sở nam nữ' });
    expect(await t.fail('store_categories_update', { id })).toMatch(/nothing to update/);
  });

  it('store_categories_delete sends {id} and reports unknown ids', async () => {
    const id = (await t.ok('store_categories_list', {})).items[3].id;
    expect(await t.ok('store_categories_delete', { id })).toEqual({ id, deleted: true });
    expect(t.sim.calls(`${C}/remove`)[0]!.body).toEqual({ id });
    expect(categories(t).has(id)).toBe(false);
    expect(await t.fail('store_categories_delete', { id })).toMatch(/^Delete store category failed: id is invalid! \(Zalo error -201\)/);
  });
});
