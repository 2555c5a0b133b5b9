/**
 * manifest.json (MCP bundle, manifest_version 0.3) must match the registry and package.json;
 * regenerate with `npm run gen-manifest`. The official validator runs in CI (.ci/run).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/registry.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('manifest.json', () => {
  it('lists exactly the registry tools, in order, with their descriptions (run `npm run gen-manifest` after changing tools)', () => {
    expect(manifest.tools).toEqual(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description })));
  });

  it('matches package.json and starts the built entry point with node ≥ 20', () => {
    expect(manifest.manifest_version).toBe('0.3');
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: 'dist/index.js', mcp_config: { command: 'node', args: ['${__dirname}/dist/index.js'] } });
    expect(pkg.bin['zalo-oa-mcp']).toBe(manifest.server.entry_point);
    expect(manifest.compatibility.runtimes.node).toBe('>=20.0.0');
  });

  it('maps user_config to the environment, with secrets marked sensitive', () => {
    const env = manifest.server.mcp_config.env as Record<string, string>;
    expect(env).toEqual({
      ZALO_SANDBOX: '${user_config.sandbox}',
      ZALO_APP_ID: '${user_config.app_id}',
      ZALO_APP_SECRET: '${user_config.app_secret}',
      ZALO_REFRESH_TOKEN: '${user_config.refresh_token}',
      ZALO_TOOLSETS: '${user_config.toolsets}',
      ZALO_READ_ONLY: '${user_config.read_only}',
    });
    for (const ref of Object.values(env)) expect(manifest.user_config).toHaveProperty(ref.slice('${user_config.'.length, -1));
    expect(manifest.user_config.app_secret.sensitive).toBe(true);
    expect(manifest.user_config.refresh_token.sensitive).toBe(true);
    expect(manifest.user_config.app_id.sensitive).toBeUndefined();
    expect(manifest.user_config.read_only).toMatchObject({ type: 'boolean', default: false });
  });

  it('offers "Try with the built-in simulator" first, so the Zalo fields can stay empty', () => {
    expect(Object.keys(manifest.user_config)[0]).toBe('sandbox');
    expect(manifest.user_config.sandbox).toMatchObject({ type: 'boolean', title: 'Try with the built-in simulator', default: false });
    expect(manifest.user_config.app_id.required).toBe(false);
    expect(manifest.user_config.app_secret.required).toBe(false);
  });
});
