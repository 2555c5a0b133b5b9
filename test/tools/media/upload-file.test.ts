import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestContext } from '../../harness.js';
import { contextWithUploadRoot, files, put, serveFiles } from '../../uploads/fixtures.js';

describe('media_upload_file', () => {
  let t: TestContext;
  let root: string;
  beforeEach(async () => {
    ({ t, root } = await contextWithUploadRoot());
  });
  afterEach(async () => { await t.close(); });

  it.each(['pdf', 'doc', 'docx'] as const)('uploads a %s and returns a token for messages_send_file', async (kind) => {
    put(root, `bang-gia.${kind}`, files[kind](10_000));
    const r = await t.ok('media_upload_file', { path: `bang-gia.${kind}` });
    expect(r).toMatchObject({ type: kind, bytes: 10_000 });
    const stored = (t.sim.oa().slices.get('media') as Map<string, { as: string; filename: string }>).get(r.token);
    expect(stored).toMatchObject({ as: 'token', filename: `bang-gia.${kind}` });
  });

  it('follows a redirect to the file', async () => {
    const srv = await serveFiles({ '/dl': { redirect: '/files/catalogue.pdf' }, '/files/catalogue.pdf': files.pdf(900) });
    try {
      const r = await t.ok('media_upload_file', { url: srv.url('/dl') });
      expect(r).toMatchObject({ type: 'pdf', bytes: 900 });
      expect(srv.hits).toEqual(['/dl', '/files/catalogue.pdf']);
    } finally {
      await srv.close();
    }
  });

  it('reports Zalo errors', async () => {
    t.sim.failNext({ path: '/upload/file', code: -201, message: 'file is invalid!' });
    expect(await t.fail('media_upload_file', { base64: files.pdf().toString('base64') })).toMatch(/Upload file failed: file is invalid! \(Zalo error -201\)/);
  });

  it('refuses a zip named .docx, an image and an oversize pdf without calling Zalo', async () => {
    put(root, 'report.docx', files.zip());
    put(root, 'photo.pdf', files.jpg());
    put(root, 'huge.pdf', files.pdf(5 * 1024 * 1024 + 1));
    expect(await t.fail('media_upload_file', { path: 'report.docx' })).toMatch(/not a recognised file type/);
    expect(await t.fail('media_upload_file', { path: 'photo.pdf' })).toMatch(/jpg file.*pdf, doc or docx/);
    expect(await t.fail('media_upload_file', { path: 'huge.pdf' })).toMatch(/larger than 5 MB/);
    expect(await t.fail('media_upload_file', { url: 'https://localhost/a.pdf', filename: '../x' })).toMatch(/filename|file name/i);
    expect(t.sim.calls('/upload/file')).toEqual([]);
  });
});
