/** `accounts`: OAs and token status from the store or the environment, never a secret. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatAccounts, listAccounts } from '../../src/cli/accounts.js';
import { loadConfig } from '../../src/config.js';
import { FileTokenStore } from '../../src/zalo/token-store.js';
import { tempDir } from '../tmp.js';

const tokenFile = () => join(tempDir('zalo-accounts-'), 'tokens.json');

describe('accounts', () => {
  it('lists every OA with app id, default flag and token status, without secrets', async () => {
    const file = tokenFile();
    const config = loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: file }, dotenvPath: null });
    const store = new FileTokenStore(file);
    const expires = Date.UTC(2030, 0, 2, 3, 4, 5);
    await store.save('shop', { access_token: 'stored-access-secret-1', refresh_token: 'stored-refresh-secret-1', access_expires_at: expires, updated_at: 0, oa_id: '1032900368563776489' });

    const rows = await listAccounts(config, store, Date.UTC(2030, 0, 1));
    expect(rows).toEqual([
      { alias: 'shop', app_id: config.accounts[0]!.appId, oa_id: '1032900368563776489', default: true, token_source: 'store', access_expires_at: '2030-01-02T03:04:05.000Z', access_expired: false, refresh_token: true },
      { alias: 'branch', app_id: config.accounts[1]!.appId, oa_id: null, default: false, token_source: 'env', access_expires_at: null, access_expired: null, refresh_token: true },
    ]);
    const text = formatAccounts(rows, file) + JSON.stringify(rows);
    for (const secret of ['stored-access-secret-1', 'stored-refresh-secret-1', ...config.accounts.flatMap((a) => [a.appSecret, a.refreshToken!])]) {
      expect(text).not.toContain(secret);
    }
    expect(formatAccounts(rows, file)).toMatch(/shop \*.*1032900368563776489 .*valid until 2030-01-02T03:04:05.000Z; refresh token present \(token file\)/);
    expect(formatAccounts(rows, file)).toMatch(/^OA\s+APP ID\s+OA ID\s+TOKENS/);
  });

  it('says when an OA has no tokens at all and how to fix it', async () => {
    const file = tokenFile();
    const config = loadConfig({ env: { ZALO_APP_ID: '123456', ZALO_APP_SECRET: 'app-secret-xyz', ZALO_ACCESS_TOKEN: 'bootstrap-access', ZALO_TOKEN_FILE: file }, dotenvPath: null });
    config.accounts[0]!.accessToken = undefined;
    const rows = await listAccounts(config, new FileTokenStore(file));
    expect(rows[0]).toMatchObject({ alias: 'default', token_source: 'none', refresh_token: false });
    expect(formatAccounts(rows, file)).toContain('run `zalo-oa-mcp login --oa default`');
  });
});

describe('CLI (built dist)', () => {
  const run = promisify(execFile);
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['dist/index.js', ...args], { env: { PATH: process.env.PATH, ZALO_TOKEN_FILE: tokenFile(), ...env }, timeout: 15_000 });

  it('accounts --sandbox --json prints the OAs on stdout', async () => {
    const { stdout } = await cli(['accounts', '--sandbox', '--json']);
    expect(JSON.parse(stdout).map((r: { alias: string }) => r.alias)).toEqual(['shop', 'branch']);
  });

  it('--help shows every command and option on stderr (stdout stays the protocol); a wrong option is one line', async () => {
    const { stdout, stderr } = await cli(['--help']);
    expect(stdout).toBe('');
    for (const s of ['login', 'accounts', '--http', '--host', '--port', '--stateless', '--sandbox', '--oa', '--no-open', '--init', '--redirect-uri', '--json', 'ZALO_MCP_HTTP_TOKEN']) expect(stderr).toContain(s);
    const err = await cli(['--htp']).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toBe("zalo-oa-mcp: Unknown option '--htp' (see --help)\n");
    const port = await cli(['--http', '--sandbox', '--port', 'abc']).catch((e: { code: number; stderr: string }) => e);
    expect((port as { stderr: string }).stderr).toBe('zalo-oa-mcp: --port abc is not a port number (0-65535)\n');
  });

  it('accounts works before any login: an OA without tokens is listed with the command that fixes it', async () => {
    const env = { HOME: tempDir('zalo-home-'), ZALO_APP_ID: '123456', ZALO_APP_SECRET: 'app-secret-not-printed' };
    const { stdout } = await cli(['accounts'], env);
    expect(stdout).toMatch(/^default \*\s+123456\s+-\s+no tokens: run `zalo-oa-mcp login --oa default`/m);
    expect(stdout).not.toContain('app-secret-not-printed');
    // Serving still refuses to start without tokens, with the same advice.
    const err = await cli([], env).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toMatch(/ZALO_REFRESH_TOKEN is missing .*zalo-oa-mcp login/);
  });

  it('--http on a non-loopback host without a token exits 1 with one line', async () => {
    const err = await cli(['--http', '--sandbox', '--host', '0.0.0.0', '--port', '0']).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    const last = (err as { stderr: string }).stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^zalo-oa-mcp: ZALO_MCP_HTTP_TOKEN is missing: /);
  });
});
