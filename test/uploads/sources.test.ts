import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUploadSource, sniff } from '../../src/uploads/index.js';
import { files, put, tempRoots } from './fixtures.js';

const spec = { kinds: ['jpg', 'png'] as const, maxBytes: 1000, what: 'image' };
const ctx = (roots: string[]) => ({ config: { uploadRoots: roots, sandbox: true, timeoutMs: 2000 } });

describe('sniff', () => {
  it('recognises files by content', () => {
    expect(sniff(files.png())).toBe('png');
    expect(sniff(files.jpg())).toBe('jpg');
    expect(sniff(files.gif())).toBe('gif');
    expect(sniff(files.pdf())).toBe('pdf');
    expect(sniff(files.doc())).toBe('doc');
    expect(sniff(files.docx())).toBe('docx');
    expect(sniff(files.mp4())).toBe('mp4');
    expect(sniff(files.zip())).toBeUndefined();
    expect(sniff(files.text())).toBeUndefined();
    expect(sniff(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('readUploadSource', () => {
  it('reads a file inside a root and keeps its name', async () => {
    const { root } = tempRoots();
    put(root, 'logo.png', files.png(300));
    const f = await readUploadSource({ path: join(root, 'logo.png') }, spec, ctx([root]));
    expect(f).toMatchObject({ kind: 'png', contentType: 'image/png', filename: 'logo.png' });
    expect(f.bytes.byteLength).toBe(300);
    const rel = await readUploadSource({ path: 'logo.png' }, spec, ctx([root]));
    expect(rel.bytes.byteLength).toBe(300);
  });

  it('refuses ../ traversal and symlinks that leave the root', async () => {
    const { root, outside } = tempRoots();
    put(outside, 'secret.png', files.png());
    await expect(readUploadSource({ path: join(root, '..', 'outside', 'secret.png') }, spec, ctx([root]))).rejects.toThrow(/outside the upload roots/);
    await expect(readUploadSource({ path: '../outside/secret.png' }, spec, ctx([root]))).rejects.toThrow(/outside the upload roots/);
    symlinkSync(join(outside, 'secret.png'), join(root, 'link.png'));
    await expect(readUploadSource({ path: join(root, 'link.png') }, spec, ctx([root]))).rejects.toThrow(/symlink/);
    mkdirSync(join(root, 'sub'));
    symlinkSync(outside, join(root, 'sub', 'dir'));
    await expect(readUploadSource({ path: join(root, 'sub', 'dir', 'secret.png') }, spec, ctx([root]))).rejects.toThrow(/symlink/);
  });

  it('refuses local paths when no roots are configured, naming ZALO_UPLOAD_ROOTS', async () => {
    await expect(readUploadSource({ path: '/tmp/x.png' }, spec, ctx([]))).rejects.toMatchObject({ message: expect.stringMatching(/no upload roots/), hint: expect.stringMatching(/ZALO_UPLOAD_ROOTS/) });
  });

  it('checks size before reading and type by content', async () => {
    const { root } = tempRoots();
    put(root, 'big.png', files.png(1001));
    put(root, 'fake.png', files.text());
    put(root, 'anim.gif', files.gif());
    await expect(readUploadSource({ path: 'big.png' }, spec, ctx([root]))).rejects.toThrow(/larger than/);
    await expect(readUploadSource({ path: 'fake.png' }, spec, ctx([root]))).rejects.toThrow(/not a recognised file type \(checked by content/);
    await expect(readUploadSource({ path: 'anim.gif' }, spec, ctx([root]))).rejects.toThrow(/is a gif file.*jpg or png/);
  });

  it('decodes base64 (data: prefix accepted) and fixes a wrong extension', async () => {
    const data = `data:image/png;base64,${files.png(100).toString('base64')}`;
    const f = await readUploadSource({ base64: data, filename: 'banner.jpg' }, spec, ctx([]));
    expect(f).toMatchObject({ kind: 'png', filename: 'banner.png' });
    const g = await readUploadSource({ base64: files.jpg(50).toString('base64') }, spec, ctx([]));
    expect(g.filename).toBe('upload.jpg');
    await expect(readUploadSource({ base64: files.png(2000).toString('base64') }, spec, ctx([]))).rejects.toThrow(/larger than/);
    await expect(readUploadSource({ base64: '***' }, spec, ctx([]))).rejects.toThrow(/not valid base64/);
  });

  it('wants exactly one source', async () => {
    await expect(readUploadSource({}, spec, ctx([]))).rejects.toThrow(/no image given/);
    await expect(readUploadSource({ url: 'https://a.example/x.png', base64: 'AAAA' }, spec, ctx([]))).rejects.toThrow(/only one source, not url and base64/);
  });
});
