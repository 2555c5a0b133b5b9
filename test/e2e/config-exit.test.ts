/**
 * The built server with bad configuration stops at start: exit code 1 and exactly one stderr
 * line naming the variable, nothing on stdout (the MCP protocol stream). `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tmp.js';

const entry = resolve('dist/index.js');

/** Run the server in an empty directory (no .env) with a home of its own (no token file). */
function run(env: Record<string, string>, args: string[] = [], dotenv?: string) {
  const cwd = tempDir('zalo-exit-');
  if (dotenv !== undefined) writeFileSync(join(cwd, '.env'), dotenv);
  return spawnSync(process.execPath, [entry, ...args], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, encoding: 'utf8', timeout: 15_000, input: '',
  });
}

describe('start with bad configuration (dist/index.js)', () => {
  it('is built', () => {
    expect(existsSync(entry), 'run npm run build first').toBe(true);
  });

  it('exits 1 with one stderr line naming ZALO_APP_ID when there are no credentials', () => {
    const r = run({});
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^zalo-oa-mcp: ZALO_APP_ID is missing: .*--sandbox/);
  });

  it('names the bad variable without echoing a secret', () => {
    const r = run({ ZALO_APP_ID: '3017450163290049999', ZALO_APP_SECRET: 'a-real-looking-secret', ZALO_REFRESH_TOKEN: 'refresh-token-value', ZALO_OPENAPI_URL: 'openapi.zalo.me' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^zalo-oa-mcp: ZALO_OPENAPI_URL must be an absolute URL/)]);
    expect(r.stderr).not.toMatch(/a-real-looking-secret|refresh-token-value/);
  });

  it('reads a .env file in the working directory', () => {
    const r = run({}, [], 'ZALO_APP_ID=3017450163290049999\n');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^zalo-oa-mcp: ZALO_APP_SECRET is missing/)]);
  });
});
