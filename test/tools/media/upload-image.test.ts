import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { files, put, serveFiles, tempRoots } from '../../uploads/fixtures.js';

describe('media_upload_image', () => {
  let t: TestContext;
  let dirs: ReturnType<typeof tempRoots>;
  beforeEach(async () => {
    dirs = tempRoots();
    t = await createTestContext({ env: { ZALO_UPLOAD_ROOTS: dirs.root } });
  });
  afterEach(async () => { await t.close(); });

  it('uploads a png from an upload root and returns attachment_id with its expiry', async () => {
    put(dirs.root, 'sale.png', files.png(4096));
    const before = Date.now();
    const r = await t.ok('media_upload_image', { path: join(dirs.root, 'sale.png') });
    const call = t.sim.calls('/v2.0/oa/upload/image')[0]!;
    expect(call.files).toEqual(['file']);
    const stored = [...(t.sim.oa().slices.get('media') as Map<string, { id: string; bytes: number; filename: string; kind: string }>).values()][0]!;
    expect(r).toMatchObject({ attachment_id: stored.id, type: 'png', bytes: 4096 });
    expect(stored).toMatchObject({ bytes: 4096, filename: 'sale.png', kind: 'png' });
    const expires = Date.parse(r.expires_at);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 1000);
    expect(expires - before).toBeLessThan(7 * 24 * 3600_000 + 60_000);
  });

  it('downloads from a URL (sandbox mode allows a local http server)', async () => {
    const srv = await serveFiles({ '/img/ao-dai.jpg': files.jpg(2048) });
    try {
      const r = await t.ok('media_upload_image', { url: srv.url('/img/ao-dai.jpg') });
      expect(r).toMatchObject({ type: 'jpg', bytes: 2048 });
      expect(srv.hits).toEqual(['/img/ao-dai.jpg']);
      const stored = (t.sim.oa().slices.get('media') as Map<string, { filename: string }>).get(r.attachment_id)!;
      expect(stored.filename).toBe('ao-dai.jpg');
    } finally {
      await srv.close();
    }
  });

  it('uploads base64 data', async () => {
    const r = await t.ok('media_upload_image', { base64: files.png(500).toString('base64'), filename: 'x.png' });
    expect(r).toMatchObject({ type: 'png', bytes: 500 });
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/upload/image', code: -210, message: 'Parameter exceeds allowable limit' });
    const text = await t.fail('media_upload_image', { base64: files.png().toString('base64') });
    expect(text).toMatch(/^Upload image failed: Parameter exceeds allowable limit \(Zalo error -210\)/);
  });

  it.each([
    ['path traversal', () => ({ path: join(dirs.root, '../outside/secret.png') }), /outside the upload roots/],
    ['a symlink out of the root', () => ({ path: join(dirs.root, 'link.png') }), /symlink/],
    ['an oversize file', () => ({ path: join(dirs.root, 'big.png') }), /larger than 1 MB/],
    ['a text file named .png', () => ({ path: join(dirs.root, 'fake.png') }), /not a recognised file type/],
    ['a gif', () => ({ path: join(dirs.root, 'anim.gif') }), /gif file.*jpg or png/],
    ['a non-https URL', () => ({ url: 'http://example.com/a.png' }), /only https URLs/],
    ['a private-network https URL', () => ({ url: 'https://192.168.1.10/a.png' }), /loopback, private or reserved address \(192\.168\.1\.10\)/],
    ['a link-local (cloud metadata) URL', () => ({ url: 'https://[::ffff:a9fe:a9fe]/latest/meta-data' }), /private or reserved/],
    ['two sources', () => ({ url: 'https://example.com/a.png', base64: 'AAAA' }), /only one source/],
    ['no source', () => ({}), /no image given/],
  ])('refuses %s without calling Zalo', async (_name, args, message) => {
    put(dirs.outside, 'secret.png', files.png());
    symlinkSync(join(dirs.outside, 'secret.png'), join(dirs.root, 'link.png'));
    put(dirs.root, 'big.png', files.png(1024 * 1024 + 1));
    put(dirs.root, 'fake.png', files.text());
    put(dirs.root, 'anim.gif', files.gif());
    expect(await t.fail('media_upload_image', args())).toMatch(message);
    expect(t.sim.calls('/upload/image')).toEqual([]);
  });

  it('stops an oversize URL download', async () => {
    const srv = await serveFiles({ '/big.png': files.png(1024 * 1024 + 10) });
    try {
      expect(await t.fail('media_upload_image', { url: srv.url('/big.png') })).toMatch(/larger than 1 MB/);
      expect(t.sim.calls('/upload/image')).toEqual([]);
    } finally {
      await srv.close();
    }
  });
});

describe('media_upload_image without upload roots', () => {
  it('refuses local paths and names ZALO_UPLOAD_ROOTS', async () => {
    const t = await createTestContext();
    try {
      expect(await t.fail('media_upload_image', { path: '/etc/hosts' })).toMatch(/no upload roots are configured.*ZALO_UPLOAD_ROOTS/);
      expect(t.sim.calls('/upload/image')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
