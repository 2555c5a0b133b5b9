#!/usr/bin/env node
/**
 * Refresh the generated parts of manifest.json from the built registry: `tools` (every tool in
 * ALL_TOOLS, name + description), `version` (package.json) and the "Try with the built-in
 * simulator" option. The rest of the manifest is written by hand. `--check` only reports drift (exit 1). Needs `npm run build` first.
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
// "Try with the built-in simulator" comes first, so a newcomer can tick it and leave the Zalo fields
// empty; those are then optional (the server names what is missing when the box is not ticked).
const { sandbox: _old, ...userConfig } = manifest.user_config;
manifest.user_config = {
  sandbox: {
    type: 'boolean',
    title: 'Try with the built-in simulator',
    description: 'Run against an embedded Zalo simulator (a sample shop with 220 followers and their chats): no Zalo account needed, nothing reaches Zalo. Leave the Zalo fields below empty.',
    required: false,
    default: false,
  },
  ...userConfig,
};
for (const key of ['app_id', 'app_secret']) manifest.user_config[key].required = false;
manifest.server.mcp_config.env = { ZALO_SANDBOX: '${user_config.sandbox}', ...manifest.server.mcp_config.env };
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
