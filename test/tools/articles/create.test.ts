import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { files } from '../../uploads/fixtures.js';

const post = {
  title: 'Tết rộn ràng — giảm đến 30%',
  author: 'Hoa Sen Boutique',
  cover_url: 'https://cdn.example.vn/tet-cover.jpg',
  description: 'Ưu đãi Tết cho toàn bộ áo dài và quà tặng.',
  body: [
    { type: 'text', content: 'Từ 20/01 đến 05/02, giảm đến 30% cho bộ sưu tập Tết.' },
    { type: 'image', url: 'https://cdn.example.vn/ao-dai.jpg', caption: 'Áo dài gấm' },
  ],
};

type Articles = { articles: Map<string, Record<string, any>> };

describe('articles_create', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('creates a normal article, verifies the token and returns the id', async () => {
    const r = await t.ok('articles_create', post);
    expect(r.status).toBe('show');
    const sent = t.sim.calls('/v2.0/article/create')[0]!.body;
    expect(sent).toMatchObject({ type: 'normal', title: post.title, cover: { cover_type: 'photo', photo_url: post.cover_url, status: 'show' }, status: 'show', comment: 'show' });
    expect(sent.body).toEqual(post.body);
    expect(t.sim.calls('/v2.0/article/verify')[0]!.body).toEqual({ token: r.token });
    const stored = (t.sim.oa().slices.get('articles') as Articles).articles.get(r.id)!;
    expect(stored.title).toBe(post.title);
  });

  it('accepts a video block only once the video is ready', async () => {
    const up = await t.ok('articles_upload_video', { base64: files.mp4(4000).toString('base64') });
    const st = await t.ok('articles_get_video_status', { token: up.token });
    const args = { ...post, status: 'hide', body: [{ type: 'video', video_id: st.video_id, thumb: 'https://cdn.example.vn/t.jpg' }] };
    expect(await t.fail('articles_create', args)).toMatch(/Video is not ready \(Zalo error -201\)/);
    t.sim.advance(3000);
    const r = await t.ok('articles_create', args);
    expect(r.status).toBe('hide');
    expect((t.sim.oa().slices.get('articles') as Articles).articles.get(r.id)!.body).toEqual([{ type: 'video', video_id: st.video_id, thumb: 'https://cdn.example.vn/t.jpg' }]);
  });

  it('retries the verification while Zalo is still processing (-214), never the create', async () => {
    t.sim.failNext({ path: '/article/verify', code: -214, message: 'Article is being processed' });
    const r = await t.ok('articles_create', post);
    expect(r.id).toMatch(/\S/);
    expect(t.sim.calls('/article/verify')).toHaveLength(2);
    expect(t.sim.calls('/article/create')).toHaveLength(1);
  });

  it('says the article exists when the verification keeps failing, so it is not created twice', async () => {
    t.sim.failNext({ path: '/article/verify', code: -214, message: 'Article is being processed', times: 10 });
    const text = await t.fail('articles_create', post);
    expect(text).toMatch(/the article was created, but Zalo has not confirmed its id yet: Article is being processed \(Zalo error -214\)\. Do not create it again: .*articles_list/);
    expect(t.sim.calls('/article/create')).toHaveLength(1);
    expect((t.sim.oa().slices.get('articles') as Articles).articles.size).toBe(7);
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/article/create', code: -209, message: 'API is not support' });
    expect(await t.fail('articles_create', post)).toMatch(/^Create article failed: API is not support \(Zalo error -209\)/);
  });

  it.each([
    ['a title over 150 characters', { ...post, title: 'x'.repeat(151) }, /title/],
    ['an http cover', { ...post, cover_url: 'http://cdn.example.vn/a.jpg' }, /https/],
    ['a text block without content', { ...post, body: [{ type: 'text' }] }, /body\[0\] is a text block without content/],
    ['an image block with content', { ...post, body: [{ type: 'image', url: 'https://a.vn/x.jpg', content: 'hi' }] }, /body\[0\] is a image block but has content/],
    ['a video block without video_id', { ...post, body: [{ type: 'video' }] }, /without video_id/],
    ['an unknown block type', { ...post, body: [{ type: 'product' }] }, /type/],
    ['an empty body', { ...post, body: [] }, /body/],
  ])('refuses %s without calling Zalo', async (_n, args, message) => {
    expect(await t.fail('articles_create', args)).toMatch(message);
    expect(t.sim.calls('/article/create')).toEqual([]);
  });
});
