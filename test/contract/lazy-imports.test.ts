/**
 * Cold start (issue 14): serving stdio must not load what stdio does not use. The bin (the
 * esbuild bundle scripts/bundle.mjs writes over dist/index.js) runs as a child with hooks that
 * record every file it loads, ESM (a module resolve hook) and CommonJS (require, e.g. yaml);
 * each loaded chunk is expanded into the source modules it holds (dist/bundle-meta.json, the
 * bundler's own record). After the first tools/list answer, the heavy parts used only by other
 * modes must be absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zalo-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }).bin['zalo-oa-mcp']!;

interface Loaded {
  /** Files loaded, relative to the project root (dist/index.js, dist/chunk-….js, node_modules/…). */
  files: string[];
  /** The same with each bundle chunk replaced by the source modules in it (src/…, node_modules/…). */
  modules: string[];
}

/** Start the bin with `args`, list tools (and call one if asked), return what it loaded. */
async function loaded(args: string[], env: Record<string, string>, call?: string): Promise<Loaded> {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.LAZY_LOG, r.url + '\\n'); return r; }\n`);
  const register = join(dir, 'register.mjs');
  // require() does not pass through module hooks on Node 20: wrap its resolution as well.
  writeFileSync(register, [
    `import Module, { register } from 'node:module';`,
    `import { appendFileSync } from 'node:fs';`,
    `import { pathToFileURL } from 'node:url';`,
    `register(${JSON.stringify(pathToFileURL(hooks).href)});`,
    `const resolveFilename = Module._resolveFilename;`,
    `Module._resolveFilename = function (...a) { const f = resolveFilename.apply(this, a); if (f.startsWith('/')) appendFileSync(process.env.LAZY_LOG, pathToFileURL(f).href + '\\n'); return f; };`,
  ].join('\n'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', pathToFileURL(register).href, BIN, ...args],
    env: { PATH: process.env.PATH ?? '', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), LAZY_LOG: log, ...env },
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
  const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')).map((u) => relative(process.cwd(), fileURLToPath(u)).replaceAll('\\', '/')))];
  const meta = JSON.parse(readFileSync('dist/bundle-meta.json', 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const modules = files.flatMap((f) => (meta.outputs[f] ? Object.keys(meta.outputs[f].inputs) : [f]));
  return { files, modules };
}

const has = (mods: string[], re: RegExp) => mods.some((m) => re.test(m));

describe('stdio start loads only what stdio uses', () => {
  it('the bin is the bundle: it loads chunks, not the module tree tsc writes beside it', async () => {
    expect(existsSync(BIN), 'run npm run build first').toBe(true);
    expect(resolve(BIN)).toBe(resolve('dist/index.js'));
    const { files, modules } = await loaded(['--sandbox'], {});
    expect(has(files, /^dist\/chunk-[A-Z0-9]+\.js$/), 'bundle chunks').toBe(true);
    expect(files.filter((f) => f.startsWith('dist/') && !/^dist\/(index|chunk-[A-Z0-9]+)\.js$/.test(f)), 'tsc output loaded by the bin').toEqual([]);
    // The SDK and zod are inside the chunks, not read from node_modules one file at a time.
    expect(files.filter((f) => /node_modules\/(@modelcontextprotocol\/sdk|zod)\//.test(f))).toEqual([]);
    expect(has(modules, /^node_modules\/@modelcontextprotocol\/sdk\/.*\/server\/mcp\.js$/)).toBe(true);
    // A CommonJS package reached by import() comes out of esbuild with only a default export, so
    // `const { request } = await import('undici')` would break: such packages stay external.
    const cjsBehindImport = readdirSync('dist').filter((f) => /^chunk-/.test(f) && /^export default require_\w+\(\);$/m.test(readFileSync(join('dist', f), 'utf8')));
    expect(cjsBehindImport, 'add the package to EXTERNAL in scripts/bundle.mjs').toEqual([]);
  }, 30_000);

  it('real mode: no HTTP stack, login, simulator, yaml or undici before the first Zalo call', async () => {
    const { modules } = await loaded([], { ZALO_APP_ID: '1', ZALO_APP_SECRET: 'lazy-secret', ZALO_REFRESH_TOKEN: 'lazy-refresh' });
    expect(has(modules, /^src\/server\.ts$/), 'the MCP server itself').toBe(true);
    for (const [what, re] of [
      ['HTTP stack', /^src\/http\//],
      ['login', /^src\/cli\/login\.ts$/],
      ['simulator', /^src\/sandbox\/server\.ts$/],
      ['yaml', /node_modules\/yaml\//],
      ['undici', /node_modules\/undici\//],
      ['pg (only with ZALO_DATABASE_URL)', /node_modules\/pg\/|^src\/store\/pg/],
    ] as const) expect(has(modules, re), `${what} loaded at stdio start`).toBe(false);
  }, 30_000);

  it('--sandbox loads the simulator, and the first tool call loads undici', async () => {
    const { modules } = await loaded(['--sandbox'], {}, 'oa_get_profile');
    expect(has(modules, /^src\/sandbox\/server\.ts$/)).toBe(true);
    expect(has(modules, /node_modules\/undici\//)).toBe(true);
    expect(has(modules, /^src\/http\//)).toBe(false);
  }, 30_000);

  it('an accounts file in YAML loads yaml (the hooks see require as well)', async () => {
    const accounts = join(dir, 'accounts.yaml');
    writeFileSync(accounts, '- alias: shop\n  app_id: "1"\n  app_secret: lazy-secret\n  refresh_token: lazy-refresh\n');
    const { modules } = await loaded([], { ZALO_ACCOUNTS_FILE: accounts });
    expect(has(modules, /node_modules\/yaml\//)).toBe(true);
  }, 30_000);
});
