import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestContext } from '../../harness.js';
import { contextWithUploadRoot, files, put } from '../../uploads/fixtures.js';

describe('media_upload_gif', () => {
  let t: TestContext;
  let root: string;
  beforeEach(async () => {
    ({ t, root } = await contextWithUploadRoot());
  });
  afterEach(async () => { await t.close(); });

  it('uploads a gif up to 5 MB and returns attachment_id', async () => {
    put(root, 'tet.gif', files.gif(3 * 1024 * 1024));
    const r = await t.ok('media_upload_gif', { path: 'tet.gif' });
    expect(r).toMatchObject({ type: 'gif', bytes: 3 * 1024 * 1024 });
    const stored = (t.sim.oa().slices.get('media') as Map<string, { kind: string }>).get(r.attachment_id);
    expect(stored?.kind).toBe('gif');
    expect(t.sim.calls('/v2.0/oa/upload/gif')).toHaveLength(1);
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/upload/gif', code: -216, message: 'Access token is invalid', times: 2 });
    expect(await t.fail('media_upload_gif', { base64: files.gif().toString('base64') })).toMatch(/Upload GIF failed: Access token is invalid \(Zalo error -216\)/);
  });

  it('refuses a png, an oversize gif and a renamed text file without calling Zalo', async () => {
    put(root, 'still.gif', files.png());
    put(root, 'big.gif', files.gif(5 * 1024 * 1024 + 1));
    put(root, 'notes.gif', files.text());
    expect(await t.fail('media_upload_gif', { path: 'still.gif' })).toMatch(/is a png file.*accepts gif/);
    expect(await t.fail('media_upload_gif', { path: 'big.gif' })).toMatch(/larger than 5 MB/);
    expect(await t.fail('media_upload_gif', { path: 'notes.gif' })).toMatch(/not a recognised file type/);
    expect(t.sim.calls('/upload/gif')).toEqual([]);
  });
});
