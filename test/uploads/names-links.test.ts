/**
 * File names that look odd but are fine, and links that are not: `..notes.pdf` is a file inside
 * the root (only a `..` path segment leaves it); a hard link has no real path to check, so a file
 * with more than one name is refused; a malformed %-escape in a URL's file name is kept as written.
 */
import { linkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUploadSource } from '../../src/uploads/index.js';
import { contextWithUploadRoot, files, put, serveFiles, tempRoots } from './fixtures.js';
import type { TestContext } from '../harness.js';

const spec = { kinds: ['pdf', 'png'] as const, maxBytes: 100_000, what: 'file' };
const ctx = (roots: string[]) => ({ config: { uploadRoots: roots, sandbox: true, timeoutMs: 2000 } });

describe('upload names and links', () => {
  it('reads names beginning with `..` inside a root (absolute and relative)', async () => {
    const { root } = tempRoots();
    put(root, '..notes.pdf', files.pdf(300));
    put(root, '...pdf', files.pdf(200));
    expect((await readUploadSource({ path: join(root, '..notes.pdf') }, spec, ctx([root]))).filename).toBe('..notes.pdf');
    expect((await readUploadSource({ path: '..notes.pdf' }, spec, ctx([root]))).bytes.byteLength).toBe(300);
    expect((await readUploadSource({ path: '...pdf' }, spec, ctx([root]))).bytes.byteLength).toBe(200);
    // A real `..` segment still leaves the root.
    await expect(readUploadSource({ path: '../x.pdf' }, spec, ctx([root]))).rejects.toThrow(/outside the upload roots/);
  });

  it('refuses a hard link to a file outside the root, and any file with several names', async () => {
    const { root, outside } = tempRoots();
    const secret = put(outside, 'secret.pdf', files.pdf(300));
    linkSync(secret, join(root, 'innocent.pdf'));
    await expect(readUploadSource({ path: 'innocent.pdf' }, spec, ctx([root]))).rejects.toThrow(/hard link \(the file has 2 names\).*outside the upload roots/);
    const inside = put(root, 'a.pdf', files.pdf(300));
    linkSync(inside, join(root, 'b.pdf'));
    await expect(readUploadSource({ path: 'b.pdf' }, spec, ctx([root]))).rejects.toThrow(/hard link/);
    // A plain copy (one name) is fine.
    put(root, 'copy.pdf', files.pdf(300));
    expect((await readUploadSource({ path: 'copy.pdf' }, spec, ctx([root]))).bytes.byteLength).toBe(300);
  });
});

describe('malformed %-encoding through the MCP tool', () => {
  let t: TestContext;
  let root: string;
  beforeEach(async () => ({ t, root } = await contextWithUploadRoot()));
  afterEach(async () => {
    await t.close();
  });

  it('a URL whose file name has a broken %-escape uploads with the name as written (no internal error)', async () => {
    const srv = await serveFiles({ '/a%E0%A4%A.pdf': files.pdf(400), '/bad%zz%.pdf': files.pdf(400) });
    try {
      for (const path of ['/a%E0%A4%A.pdf', '/bad%zz%.pdf']) {
        const r = await t.call('media_upload_file', { url: srv.url(path) });
        expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
        expect(t.sim.requests.at(-1)!.files).toHaveLength(1);
      }
      expect(t.sim.calls('/upload/file').length).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it('a path with a literal % sign is just a name; an unreadable one is a clear input error', async () => {
    put(root, '100%.pdf', files.pdf(300));
    expect((await t.call('media_upload_file', { path: '100%.pdf' })).isError).toBeFalsy();
    const missing = await t.fail('media_upload_file', { path: 'no%E0%A4%A.pdf' });
    expect(missing).toMatch(/does not exist/);
    expect(missing).not.toMatch(/internal error/i);
  });
});
