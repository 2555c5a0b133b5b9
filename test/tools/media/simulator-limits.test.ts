import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { files, serveFiles } from '../../uploads/fixtures.js';

/** The simulator enforces Zalo's limits too, for callers that skip our checks. */
describe('simulator upload limits', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const raw = (path: string, bytes: Buffer, filename = 'x.png') =>
    t.runtime.client.request({ api: 'openapi', method: 'POST', path, multipart: { field: 'file', filename, contentType: 'image/png', bytes } });

  it('answers -210 over the size limit and -201 for a wrong type or a missing file', async () => {
    await expect(raw('/v2.0/oa/upload/image', files.png(1024 * 1024 + 1))).rejects.toMatchObject({ code: -210 });
    await expect(raw('/v2.0/oa/upload/image', files.text())).rejects.toMatchObject({ code: -201, message: expect.stringMatching(/file type is invalid/) });
    await expect(raw('/v2.0/oa/upload/file', files.png())).rejects.toMatchObject({ code: -201 });
    await expect(t.runtime.client.request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/upload/gif', body: {} })).rejects.toMatchObject({ code: -201, message: 'file is invalid!' });
  });

  it('reports download and upload progress when the client asks for it', async () => {
    const srv = await serveFiles({ '/p.png': files.png(100_000) });
    try {
      const seen: Array<{ progress: number; message?: string }> = [];
      const r = await t.client.callTool({ name: 'media_upload_image', arguments: { url: srv.url('/p.png') } }, CallToolResultSchema, { onprogress: (p) => seen.push(p) });
      expect(r.isError).toBeFalsy();
      expect(seen.some((p) => p.message === 'downloading')).toBe(true);
      expect(seen.at(-1)).toMatchObject({ progress: 100_000, message: 'uploading p.png to Zalo' });
    } finally {
      await srv.close();
    }
  });
});

describe('media uploads in dry-run mode', () => {
  it('return the request they would send, without sending it', async () => {
    const t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    try {
      const r = await t.ok('media_upload_file', { base64: files.pdf(321).toString('base64'), filename: 'bao-gia.pdf' });
      expect(r).toMatchObject({ dry_run: true, sent: false, request: { method: 'POST', file: { field: 'file', filename: 'bao-gia.pdf', content_type: 'application/pdf', bytes: 321 } } });
      expect(t.sim.calls('/upload/file')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
