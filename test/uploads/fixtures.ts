/** Tiny files with the right magic bytes, temp upload roots and a local file server for tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../harness.js';
import { tempDir } from '../tmp.js';

const pad = (head: number[], size: number) => Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - head.length), 7)]);

export const files = {
  png: (size = 200) => pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size),
  jpg: (size = 200) => pad([0xff, 0xd8, 0xff, 0xe0], size),
  gif: (size = 200) => pad([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], size),
  pdf: (size = 200) => pad([...Buffer.from('%PDF-1.7\n')], size),
  doc: (size = 200) => pad([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], size),
  docx: (size = 200) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml'), Buffer.alloc(Math.max(0, size - 47))]),
  zip: (size = 200) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('xl/workbook.xml'), Buffer.alloc(Math.max(0, size - 45))]),
  mp4: (size = 200) => Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(Math.max(0, size - 12))]),
  text: (size = 200) => Buffer.from('hello, this is plain text\n'.repeat(Math.ceil(size / 26)).slice(0, size)),
};

/** A fresh directory (real path) with an `uploads` root and an `outside` sibling. */
export function tempRoots(): { base: string; root: string; outside: string } {
  const base = realpathSync(tempDir('zalo-uploads-'));
  const root = join(base, 'uploads');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  return { base, root, outside };
}

export function put(dir: string, name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

export interface FileServer {
  url: (path: string) => string;
  hits: string[];
  close(): Promise<void>;
}

/** node:http on 127.0.0.1:0 serving `routes` (path → bytes, or a redirect target with `redirect:`). */
export async function serveFiles(routes: Record<string, Buffer | { redirect: string } | ((req: IncomingMessage, res: ServerResponse) => void)>): Promise<FileServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const r = routes[req.url ?? ''];
    if (!r) return void res.writeHead(404).end('not found');
    if (typeof r === 'function') return r(req, res);
    if (Buffer.isBuffer(r)) return void res.writeHead(200, { 'content-length': String(r.length) }).end(r);
    res.writeHead(302, { location: r.redirect }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A test context whose ZALO_UPLOAD_ROOTS is a fresh temp root (the media and video tool tests). */
export async function contextWithUploadRoot(): Promise<{ t: TestContext; root: string }> {
  const root = tempRoots().root;
  return { t: await createTestContext({ env: { ZALO_UPLOAD_ROOTS: root } }), root };
}
