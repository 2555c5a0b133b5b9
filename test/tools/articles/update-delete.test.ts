import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

type Articles = { articles: Map<string, Record<string, any>> };
const articles = (t: TestContext) => (t.sim.oa().slices.get('articles') as Articles).articles;

describe('articles_update', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('changes only the given fields and keeps the rest', async () => {
    const { items } = await t.ok('articles_list', { count: 1 });
    const id = items[0].id as string;
    const before = structuredClone(articles(t).get(id)!);
    const r = await t.ok('articles_update', { id, title: 'Khai trương chi nhánh Đà Nẵng — cập nhật', status: 'hide' });
    expect(r).toMatchObject({ id, status: 'hide' });
    const sent = t.sim.calls('/v2.0/article/update')[0]!.body;
    expect(sent).toMatchObject({ id, title: 'Khai trương chi nhánh Đà Nẵng — cập nhật', author: before.author, description: before.description, status: 'hide', comment: before.comment });
    expect(sent.body).toEqual(before.body);
    expect(articles(t).get(id)).toMatchObject({ title: 'Khai trương chi nhánh Đà Nẵng — cập nhật', status: 'hide', body: before.body });
    expect(t.sim.calls('/v2.0/article/verify')).toHaveLength(1);
  });

  it('says the update happened when the verification fails', async () => {
    const id = (await t.ok('articles_list', { count: 1 })).items[0].id;
    t.sim.failNext({ path: '/article/verify', code: -201, message: 'token is invalid!' });
    expect(await t.fail('articles_update', { id, title: 'Mới' })).toMatch(/the article was updated, but .*token is invalid! \(Zalo error -201\)\. Do not repeat the update/);
    expect(articles(t).get(id)!.title).toBe('Mới');
  });

  it('reports Zalo\'s error for an unknown id', async () => {
    expect(await t.fail('articles_update', { id: 'nope123', title: 'x' })).toMatch(/id is invalid! \(Zalo error -201\)/);
    expect(t.sim.calls('/article/update')).toEqual([]);
  });

  it('refuses invalid input and video articles without sending an update', async () => {
    const video = (await t.ok('articles_list', { type: 'video' })).items[0].id;
    expect(await t.fail('articles_update', { id: video, title: 'x' })).toMatch(/is a video article/);
    expect(await t.fail('articles_update', { id: 'a5e1a0001', body: [{ type: 'image' }] })).toMatch(/image block without url/);
    expect(await t.fail('articles_update', { id: 'bad id!', title: 'x' })).toMatch(/article id/);
    expect(t.sim.calls('/article/update')).toEqual([]);
  });
});

describe('articles_delete', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('removes the article', async () => {
    const id = (await t.ok('articles_list', { count: 1 })).items[0].id;
    expect(await t.ok('articles_delete', { id })).toEqual({ id, deleted: true });
    expect(t.sim.calls('/v2.0/article/remove')[0]!.body).toEqual({ id });
    expect(articles(t).has(id)).toBe(false);
    expect(await t.fail('articles_get', { id })).toMatch(/id is invalid!/);
  });

  it('reports Zalo\'s error for an unknown id, and refuses a malformed id without a call', async () => {
    expect(await t.fail('articles_delete', { id: 'missing1' })).toMatch(/^Delete article failed: id is invalid! \(Zalo error -201\)/);
    expect(await t.fail('articles_delete', { id: '../x' })).toMatch(/article id/);
    expect(t.sim.calls('/article/remove')).toHaveLength(1);
  });
});
