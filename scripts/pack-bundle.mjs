#!/usr/bin/env node
/**
 * Build the MCP bundle (.mcpb) for Claude Desktop: stage manifest.json, package.json, dist/ and
 * the production dependencies (copied from this checkout's node_modules, nothing downloaded),
 * then let the official packer validate and zip it. Needs `npm run build` first.
 * Output: zalo-oa-mcp-<version>.mcpb in the project root (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MCPB = '@anthropic-ai/mcpb@2.1.2';
if (!existsSync(join(root, 'dist/index.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
execFileSync(process.execPath, [join(root, 'scripts/gen-manifest.mjs'), '--check'], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-bundle-'));
try {
  for (const f of ['manifest.json', 'package.json', 'package-lock.json', 'README.md', 'LICENSE']) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f));
  }
  // The bundle's chunk list (dist/bundle-meta.json) is for the tests, not for running.
  cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('bundle-meta.json') });
  // Every installed production package (transitively), exactly as the lockfile resolved it.
  const list = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
  for (const dir of list.split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (dir === root) continue;
    cpSync(dir, join(stage, relative(root, dir)), { recursive: true, dereference: true });
  }
  const out = join(root, `zalo-oa-mcp-${version}.mcpb`);
  execFileSync('npx', ['-y', MCPB, 'pack', stage, out], { stdio: 'inherit' });
  process.stderr.write(`bundle: ${out}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
