import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestContext } from '../../harness.js';
import { contextWithUploadRoot, files, put, serveFiles } from '../../uploads/fixtures.js';

describe('articles_upload_video and articles_get_video_status', () => {
  let t: TestContext;
  let root: string;
  beforeEach(async () => {
    ({ t, root } = await contextWithUploadRoot());
  });
  afterEach(async () => { await t.close(); });

  it('uploads an mp4 and reports processing, then ready', async () => {
    put(root, 'hau-truong.mp4', files.mp4(200_000));
    const up = await t.ok('articles_upload_video', { path: 'hau-truong.mp4' });
    expect(up).toMatchObject({ type: 'mp4', bytes: 200_000 });
    expect(t.sim.calls('/v2.0/article/upload_video/preparevideo')[0]!.files).toEqual(['file']);
    const first = await t.ok('articles_get_video_status', { token: up.token });
    expect(first).toMatchObject({ status: 'processing', ready: false });
    expect(first.convert_percent).toBeLessThan(100);
    const call = t.sim.calls('/v2.0/article/upload_video/verify')[0]!;
    expect(call.headers['token']).toBe(up.token);
    expect(call.query.token).toBe(up.token);
    t.sim.advance(3000);
    expect(await t.ok('articles_get_video_status', { token: up.token })).toEqual({ video_id: first.video_id, status: 'ready', convert_percent: 100, ready: true });
  });

  it('downloads the video from a URL', async () => {
    const srv = await serveFiles({ '/v.mp4': files.mp4(5000) });
    try {
      expect(await t.ok('articles_upload_video', { url: srv.url('/v.mp4') })).toMatchObject({ type: 'mp4', bytes: 5000 });
    } finally {
      await srv.close();
    }
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/preparevideo', code: -210, message: 'Parameter exceeds allowable limit' });
    expect(await t.fail('articles_upload_video', { base64: files.mp4().toString('base64') })).toMatch(/Upload article video failed: .*\(Zalo error -210\)/);
    expect(await t.fail('articles_get_video_status', { token: 'unknown-token' })).toMatch(/^Get article video status failed: token is invalid! \(Zalo error -201\)/);
  });

  it('refuses a disguised file, a path outside the root and a non-https URL without uploading', async () => {
    put(root, 'clip.mp4', files.text());
    expect(await t.fail('articles_upload_video', { path: 'clip.mp4' })).toMatch(/not a recognised file type.*mp4/);
    expect(await t.fail('articles_upload_video', { path: '../../etc/passwd' })).toMatch(/outside the upload roots/);
    expect(await t.fail('articles_upload_video', { url: 'http://cdn.example.vn/v.mp4' })).toMatch(/only https/);
    expect(await t.fail('articles_get_video_status', { token: '' })).toMatch(/token/);
    expect(t.sim.calls('/preparevideo')).toEqual([]);
    expect(t.sim.calls('/upload_video/verify')).toEqual([]);
  });
});
