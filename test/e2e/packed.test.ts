/**
 * The package as npm ships it: `npm pack`, unpacked into an empty folder with this checkout's
 * node_modules beside it (what `npm install` would put there), must run the bin. The bin is a
 * bundle split into chunks (scripts/bundle.mjs), so a chunk left out of package.json "files"
 * would only fail here, on the first import() that needs it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zalo-packed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin: Record<string, string> };

describe('the packed package', () => {
  it('holds every chunk of the bundle, and its bin serves tools/list and a call over stdio', async () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = new Set(packed[0]!.files.map((f) => f.path));
    const meta = JSON.parse(readFileSync('dist/bundle-meta.json', 'utf8')) as { outputs: Record<string, unknown> };
    const outputs = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
    expect(outputs.length).toBeGreaterThan(2);
    expect(outputs.filter((f) => !files.has(f))).toEqual([]);
    expect(files.has('dist/bundle-meta.json')).toBe(false);

    execFileSync('tar', ['xzf', join(dir, packed[0]!.filename), '-C', dir]);
    const root = join(dir, 'package');
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    const bin = join(root, pkg.bin['zalo-oa-mcp']!);
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);

    const client = new Client({ name: 'packed', version: '1' });
    await client.connect(new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--sandbox'],
      env: { PATH: process.env.PATH ?? '', ZALO_TOKEN_FILE: join(dir, 'tokens.json') },
      cwd: dir,
      stderr: 'pipe',
    }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('messages_send_text');
      const r = await client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect((r.structuredContent as { name: string }).name).toBe('Hoa Sen Boutique');
    } finally {
      await client.close();
    }
  }, 60_000);
});
