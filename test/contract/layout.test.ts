/**
 * The layout rules of the design, checked on the source: only the named files import the MCP SDK,
 * call out over HTTP, or read the environment. A new file that breaks one fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const files = sources('src').map((f) => ({ path: relative('src', f).replaceAll('\\', '/'), text: readFileSync(f, 'utf8') }));
const using = (pattern: RegExp) => files.filter((f) => pattern.test(f.text)).map((f) => f.path).sort();

describe('layout rules', () => {
  it('imports the MCP SDK only in server.ts, define-tool.ts, slim-schema.ts, http/ and the demo client', () => {
    const allowed = (p: string) => ['server.ts', 'tools/define-tool.ts', 'tools/slim-schema.ts', 'demo.ts'].includes(p) || p.startsWith('http/');
    expect(using(/from '@modelcontextprotocol\/sdk/).filter((p) => !allowed(p))).toEqual([]);
  });

  it('calls out over HTTP only from the Zalo client and the upload downloader', () => {
    // A type-only import (client-options.ts) sends nothing.
    expect(using(/^import (?!type )[^;]*from 'undici'|import\('undici'\)|\bfetch\(/m)).toEqual(['uploads/download.ts', 'zalo/client.ts']);
  });

  it('reads the environment only in config.ts (the demo passes PATH to the server it spawns)', () => {
    expect(using(/process\.env\b/)).toEqual(['config.ts', 'demo.ts']);
    expect(files.find((f) => f.path === 'demo.ts')!.text.match(/process\.env\.\w+/g)).toEqual(['process.env.PATH']);
  });

  it('writes nothing to stdout outside the demo and the CLI commands that print results', () => {
    const writers = using(/process\.stdout\.write|console\.log/);
    expect(writers).toEqual(['demo.ts', 'index.ts', 'sandbox/main.ts']);
  });

  it('keeps the simulator independent: nothing under sandbox/ imports zalo/, uploads/ or tools/', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('sandbox/') && /from '(\.\.\/)+(zalo|uploads|tools)\//.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps tool files at most ~80 lines and Zalo client modules at most 300', () => {
    for (const f of files) {
      const lines = f.text.split('\n').length;
      if (/^tools\/[a-z]+\/(?!index)[a-z-]+\.ts$/.test(f.path) && /defineTool\(/.test(f.text)) expect(lines, f.path).toBeLessThanOrEqual(90);
      if (f.path.startsWith('zalo/')) expect(lines, f.path).toBeLessThanOrEqual(300);
    }
  });
});
