#!/usr/bin/env node
/**
 * Refresh the generated parts of manifest.json from the built registry: `tools` (every tool in
 * ALL_TOOLS, name + description) and `version` (package.json). The rest of the manifest is
 * written by hand. `--check` only reports drift (exit 1). Needs `npm run build` first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { ALL_TOOLS } = await import(join(root, 'dist/tools/registry.js'));
const path = join(root, 'manifest.json');
const before = readFileSync(path, 'utf8');
const manifest = JSON.parse(before);
manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
manifest.tools = ALL_TOOLS.map((t) => ({ name: t.name, description: t.description }));
const after = JSON.stringify(manifest, null, 2) + '\n';

if (process.argv.includes('--check')) {
  if (after !== before) {
    process.stderr.write('manifest.json is out of date: run `npm run gen-manifest`\n');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(path, after);
  process.stderr.write(`manifest.json: ${manifest.tools.length} tools, version ${manifest.version}\n`);
}
