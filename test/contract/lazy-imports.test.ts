/**
 * Cold start (issue 14): serving stdio must not load what stdio does not use. The built server
 * runs as a child with a module hook that records every module it loads; after its first
 * tools/list answer, the heavy parts used only by other modes must be absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zalo-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Start dist/index.js with `args`, list tools (and call one if asked), return the modules it loaded. */
async function loadedModules(args: string[], env: Record<string, string>, call?: string): Promise<string[]> {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', pathToFileURL(register).href, 'dist/index.js', ...args],
    env: { PATH: process.env.PATH ?? '', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ...env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'lazy', version: '1' });
  await client.connect(transport);
  try {
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    if (call) expect((await client.callTool({ name: call, arguments: {} })).isError).toBeFalsy();
  } finally {
    await client.close();
  }
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const has = (mods: string[], re: RegExp) => mods.some((m) => re.test(m));

describe('stdio start loads only what stdio uses', () => {
  it('real mode: no HTTP stack, login, simulator, yaml or undici before the first Zalo call', async () => {
    expect(existsSync('dist/index.js'), 'run npm run build first').toBe(true);
    const mods = await loadedModules([], { ZALO_APP_ID: '1', ZALO_APP_SECRET: 'lazy-secret', ZALO_REFRESH_TOKEN: 'lazy-refresh' });
    expect(has(mods, /\/dist\/server\.js$/), 'the MCP server itself').toBe(true);
    for (const [what, re] of [
      ['HTTP stack', /\/dist\/http\//],
      ['login', /\/dist\/cli\/login\.js$/],
      ['simulator', /\/dist\/sandbox\/server\.js$/],
      ['yaml', /\/node_modules\/yaml\//],
      ['undici', /\/node_modules\/undici\//],
    ] as const) expect(has(mods, re), `${what} loaded at stdio start`).toBe(false);
  }, 30_000);

  it('--sandbox loads the simulator, and the first tool call loads undici', async () => {
    const mods = await loadedModules(['--sandbox'], {}, 'oa_get_profile');
    expect(has(mods, /\/dist\/sandbox\/server\.js$/)).toBe(true);
    expect(has(mods, /\/node_modules\/undici\//)).toBe(true);
    expect(has(mods, /\/dist\/http\//)).toBe(false);
  }, 30_000);
});
