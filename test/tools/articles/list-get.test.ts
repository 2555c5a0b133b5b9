import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('articles_list', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('pages through normal articles, newest first, with plain query params', async () => {
    const p1 = await t.ok('articles_list', { count: 3 });
    expect(p1).toMatchObject({ offset: 0, count: 3, total: 5, next_offset: 3 });
    expect(p1.items.map((a: { title: string }) => a.title)).toEqual(['Khai trương chi nhánh Đà Nẵng', 'Mẹo phối đồ công sở mùa mưa', 'Chương trình tri ân khách hàng tháng 11']);
    expect(p1.items[2]).toMatchObject({ type: 'normal', status: 'hide' });
    expect(Date.parse(p1.items[0].created_at)).toBeGreaterThan(Date.now() - 3 * 86_400_000);
    expect(t.sim.calls('/v2.0/article/getslice')[0]!.query).toEqual({ offset: '0', limit: '3', type: 'normal' });
    const p2 = await t.ok('articles_list', { offset: 3, count: 3 });
    expect(p2).toMatchObject({ total: 5, next_offset: null });
    expect(p2.items).toHaveLength(2);
  });

  it('lists video articles', async () => {
    const r = await t.ok('articles_list', { type: 'video' });
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ type: 'video', title: 'Lễ hội Áo dài 2025 — hậu trường', views: 2480 });
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/article/getslice', code: -223, message: 'OA has not authorized this API' });
    expect(await t.fail('articles_list', {})).toMatch(/List articles failed: OA has not authorized this API \(Zalo error -223\)/);
  });

  it('refuses more than 10 per page without calling Zalo', async () => {
    expect(await t.fail('articles_list', { count: 11 })).toMatch(/count/);
    expect(await t.fail('articles_list', { type: 'audio' })).toMatch(/type/);
    expect(t.sim.calls('/article/getslice')).toEqual([]);
  });
});

describe('articles_get', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('returns the article with its body', async () => {
    const seeded = [...(t.sim.oa().slices.get('articles') as { articles: Map<string, any> } | undefined)?.articles.values() ?? []];
    expect(seeded).toEqual([]); // seeded lazily on first call
    const list = await t.ok('articles_list', { offset: 4, count: 1 });
    const a = await t.ok('articles_get', { id: list.items[0].id });
    expect(a).toMatchObject({ title: 'Bộ sưu tập Thu Đông 2025', author: 'Hoa Sen Boutique', status: 'show', comment: 'show', type: 'normal' });
    expect(a.cover_url).toMatch(/^https:\/\//);
    expect(a.body).toEqual([
      { type: 'text', content: 'Bộ sưu tập Thu Đông đã có mặt tại cửa hàng.' },
      { type: 'image', url: expect.stringContaining('thu-dong.jpg'), caption: 'Áo khoác dạ dáng dài' },
    ]);
    expect(t.sim.calls('/v2.0/article/getdetail')[0]!.query).toEqual({ id: list.items[0].id });
  });

  it('reads [I] detail shapes tolerantly: numbers as strings, null as absent', async () => {
    const id = (await t.ok('articles_list', { offset: 4, count: 1 })).items[0].id;
    const stored = (t.sim.oa().slices.get('articles') as { articles: Map<string, any> }).articles.get(id)!;
    Object.assign(stored, { total_view: '4242', total_share: null, author: null, create_date: String(Math.floor(Date.UTC(2025, 1, 3) / 1000)) });
    const a = await t.ok('articles_get', { id });
    expect(a).toMatchObject({ id, views: 4242, created_at: '2025-02-03T00:00:00.000Z', title: 'Bộ sưu tập Thu Đông 2025' });
    expect(a.author).toBeUndefined();
    expect(a.shares).toBeUndefined();
  });

  it('reports Zalo\'s error for an unknown id and refuses a malformed one', async () => {
    expect(await t.fail('articles_get', { id: 'zzz' })).toMatch(/^Get article failed: id is invalid! \(Zalo error -201\)/);
    expect(await t.fail('articles_get', { id: '' })).toMatch(/id/);
    expect(t.sim.calls('/article/getdetail')).toHaveLength(1);
  });
});
