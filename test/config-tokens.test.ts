/** Tokens may come from the env or from the token file that `login` wrote; the server needs one of them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { tempDir } from './tmp.js';

const app = { ZALO_APP_ID: '3017450163290040611', ZALO_APP_SECRET: 'an-app-secret-value' };

describe('configuration without env tokens', () => {
  const dir = tempDir('zalo-cfg-');
  const tokenFile = join(dir, 'tokens.json');

  it('stops with one line naming ZALO_REFRESH_TOKEN and the login command when no token exists anywhere', () => {
    const load = () => loadConfig({ env: { ...app, ZALO_TOKEN_FILE: join(dir, 'none.json') }, dotenvPath: null });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^ZALO_REFRESH_TOKEN is missing .*zalo-oa-mcp login/);
  });

  it('starts from the token file that login wrote', () => {
    writeFileSync(tokenFile, JSON.stringify({ version: 1, oas: { default: { access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: 0, updated_at: 0 } } }));
    const config = loadConfig({ env: { ...app, ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null });
    expect(config.accounts[0]).toMatchObject({ alias: 'default', appId: app.ZALO_APP_ID, refreshToken: undefined });
  });

  it('lets login run before any token exists', () => {
    expect(loadConfig({ env: { ...app, ZALO_TOKEN_FILE: join(dir, 'none.json') }, dotenvPath: null, requireTokens: false }).accounts).toHaveLength(1);
  });

  it('names the accounts-file entry that has no token', () => {
    const accounts = join(dir, 'oas.json');
    writeFileSync(accounts, JSON.stringify({ accounts: [{ alias: 'hcm', app_id: '1', app_secret: 'secret-value-1', refresh_token: 'refresh-token-1', default: true }, { alias: 'hn', app_id: '2', app_secret: 'secret-value-2' }] }));
    expect(() => loadConfig({ env: { ZALO_ACCOUNTS_FILE: accounts, ZALO_TOKEN_FILE: join(dir, 'none.json') }, dotenvPath: null })).toThrow(/entry "hn" has no refresh_token.*login --oa hn/);
  });
});
