/**
 * loadConfig: every variable of DESIGN.md section 4, the one-line errors that stop the server at
 * start, accounts files (JSON and YAML), .env files, and sandbox mode.
 */
import { writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountFor, ConfigError, loadConfig, type LoadConfigOptions } from '../src/config.js';
import { SANDBOX_ACCOUNTS } from '../src/sandbox/credentials.js';
import { redact, REDACTED } from '../src/zalo/redact.js';
import { disposable, tempDir } from './tmp.js';

const APP = { ZALO_APP_ID: '3017450163290049999', ZALO_APP_SECRET: 'cfg-test-app-secret', ZALO_REFRESH_TOKEN: 'cfg-test-refresh-token' };

let dir: string;
beforeEach(() => { dir = tempDir('zalo-config-'); });

const load = (env: Record<string, string>, options: Omit<LoadConfigOptions, 'env'> = {}) =>
  loadConfig({ env: { ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ...env }, dotenvPath: null, ...options });

/** The ConfigError message of a failing load (asserting it is one line). */
function failure(env: Record<string, string>, options: Omit<LoadConfigOptions, 'env'> = {}): string {
  try {
    load(env, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected loadConfig to fail');
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadConfig: one OA from the environment', () => {
  it('parses every variable', () => {
    const c = load({
      ...APP,
      ZALO_ACCESS_TOKEN: 'cfg-test-access-token',
      ZALO_OA_ALIAS: 'hcm-shop',
      ZALO_OPENAPI_URL: 'https://gw.example.com/zalo/openapi/',
      ZALO_OAUTH_URL: 'https://gw.example.com/zalo/oauth',
      ZALO_ZNS_URL: 'http://localhost:8080/zns',
      ZALO_TOOLSETS: 'oa, zns,',
      ZALO_TOOLS: 'articles_list',
      ZALO_DENY_TOOLS: 'messages_send_text,oa_update_menu',
      ZALO_READ_ONLY: 'true',
      ZALO_DRY_RUN: '1',
      ZALO_UPLOAD_ROOTS: `${dir}/media:${dir}/docs`,
      ZALO_MCP_HTTP_TOKEN: 'http-bearer-token-0123456789',
      ZALO_MCP_ALLOWED_ORIGINS: 'https://a.example,https://b.example',
      ZALO_WEBHOOK_SECRET: 'webhook-secret-value',
      ZALO_STORE_PATH: join(dir, 'events.sqlite'),
      ZALO_TIMEOUT_MS: '2500',
      ZALO_LOG_LEVEL: 'debug',
    });
    expect(c.accounts).toEqual([{
      alias: 'hcm-shop', appId: APP.ZALO_APP_ID, appSecret: APP.ZALO_APP_SECRET,
      accessToken: 'cfg-test-access-token', refreshToken: APP.ZALO_REFRESH_TOKEN, isDefault: true,
    }]);
    expect(c.defaultOa).toBe('hcm-shop');
    expect(c.urls).toEqual({ openapi: 'https://gw.example.com/zalo/openapi', oauth: 'https://gw.example.com/zalo/oauth', zns: 'http://localhost:8080/zns' });
    expect(c.sandbox).toBe(false);
    expect(c.tokenFile).toBe(join(dir, 'tokens.json'));
    expect(c.toolsets).toEqual(['oa', 'zns']);
    expect(c.tools).toEqual(['articles_list']);
    expect(c.denyTools).toEqual(['messages_send_text', 'oa_update_menu']);
    expect(c.readOnly).toBe(true);
    expect(c.dryRun).toBe(true);
    expect(c.uploadRoots).toEqual([join(dir, 'media'), join(dir, 'docs')]);
    expect(c.httpToken).toBe('http-bearer-token-0123456789');
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.webhookSecret).toBe('webhook-secret-value');
    expect(c.storePath).toBe(join(dir, 'events.sqlite'));
    expect(c.timeoutMs).toBe(2500);
    expect(c.logLevel).toBe('debug');
  });

  it('has safe defaults', () => {
    const c = loadConfig({ env: APP, dotenvPath: null });
    expect(c.accounts[0]!.alias).toBe('default');
    expect(c.urls).toEqual({ openapi: 'https://openapi.zalo.me', oauth: 'https://oauth.zaloapp.com', zns: 'https://business.openapi.zalo.me' });
    expect(c.tokenFile).toBe(join(homedir(), '.config', 'zalo-oa-mcp', 'tokens.json'));
    expect(c.storePath).toBe(join(homedir(), '.config', 'zalo-oa-mcp', 'store.sqlite'));
    expect(c).toMatchObject({ toolsets: ['default'], tools: [], denyTools: [], readOnly: false, dryRun: false, uploadRoots: [], allowedOrigins: [], timeoutMs: 15_000, logLevel: 'info', sandbox: false });
  });

  it('puts the store beside the token file by default', () => {
    expect(load(APP).storePath).toBe(join(dir, 'store.sqlite'));
  });

  it('reads flags in their usual spellings', () => {
    for (const [v, want] of [['1', true], ['true', true], ['yes', true], ['0', false], ['false', false], ['no', false]] as const) {
      expect(load({ ...APP, ZALO_READ_ONLY: v }).readOnly).toBe(want);
    }
    expect(load({ ...APP, ZALO_READ_ONLY: '' }).readOnly).toBe(false); // empty = unset
  });

  it('registers the secrets for redaction', () => {
    load({ ...APP, ZALO_ACCESS_TOKEN: 'cfg-registered-access', ZALO_WEBHOOK_SECRET: 'cfg-registered-webhook', ZALO_MCP_HTTP_TOKEN: 'cfg-registered-http-token' });
    for (const s of [APP.ZALO_APP_SECRET, APP.ZALO_REFRESH_TOKEN, 'cfg-registered-access', 'cfg-registered-webhook', 'cfg-registered-http-token']) {
      expect(redact(`x ${s} y`)).toBe(`x ${REDACTED} y`);
    }
  });

  it('stops with one line naming ZALO_APP_ID when it is missing', () => {
    expect(failure({})).toMatch(/^ZALO_APP_ID is missing: .*--sandbox/);
  });

  it('stops with one line naming ZALO_APP_SECRET when it is missing', () => {
    expect(failure({ ZALO_APP_ID: APP.ZALO_APP_ID })).toMatch(/^ZALO_APP_SECRET is missing: /);
  });

  it('stops with one line naming ZALO_REFRESH_TOKEN when no token exists anywhere', () => {
    expect(failure({ ZALO_APP_ID: APP.ZALO_APP_ID, ZALO_APP_SECRET: APP.ZALO_APP_SECRET })).toMatch(/^ZALO_REFRESH_TOKEN is missing .*zalo-oa-mcp login/);
  });

  it.each([
    ['ZALO_APP_ID', 'my-app', /^ZALO_APP_ID must be the numeric app id/],
    ['ZALO_APP_SECRET', 'short', /^ZALO_APP_SECRET /],
    ['ZALO_OA_ALIAS', 'Bad Alias', /^ZALO_OA_ALIAS use 1-32 of a-z 0-9 _ -/],
    ['ZALO_OPENAPI_URL', 'not a url', /^ZALO_OPENAPI_URL must be an absolute URL such as https:\/\/openapi\.zalo\.me/],
    ['ZALO_OAUTH_URL', 'ftp://oauth.example.com', /^ZALO_OAUTH_URL must start with http:\/\/ or https:\/\//],
    ['ZALO_ZNS_URL', 'business.openapi.zalo.me', /^ZALO_ZNS_URL must be an absolute URL/],
    ['ZALO_READ_ONLY', 'maybe', /^ZALO_READ_ONLY must be 1 or 0/],
    ['ZALO_DRY_RUN', 'on', /^ZALO_DRY_RUN must be 1 or 0/],
    ['ZALO_SANDBOX', '2', /^ZALO_SANDBOX must be 1 or 0/],
    ['ZALO_TIMEOUT_MS', 'soon', /^ZALO_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 120000$/],
    ['ZALO_TIMEOUT_MS', '10', /^ZALO_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 120000$/],
    ['ZALO_TIMEOUT_MS', '1500.5', /^ZALO_TIMEOUT_MS must be a whole number/],
    ['ZALO_TIMEOUT_MS', '200000', /^ZALO_TIMEOUT_MS must be a whole number/],
    ['ZALO_LOG_LEVEL', 'verbose', /^ZALO_LOG_LEVEL /],
    ['ZALO_MCP_HTTP_TOKEN', 'short-token', /^ZALO_MCP_HTTP_TOKEN must be at least 16 characters/],
  ])('stops with one line naming %s for the bad value %j', (name, value, pattern) => {
    expect(failure({ ...APP, [name]: value })).toMatch(pattern);
  });

  it('never echoes a bad secret in the error', () => {
    expect(failure({ ...APP, ZALO_APP_SECRET: 'tiny' })).not.toContain('tiny');
  });
});

describe('loadConfig: .env file', () => {
  it('reads a .env file; the environment wins over it', () => {
    const envFile = file('.env', [
      `ZALO_APP_ID=${APP.ZALO_APP_ID}`,
      'ZALO_APP_SECRET=dotenv-app-secret',
      'ZALO_REFRESH_TOKEN="dotenv-refresh-token"',
      'ZALO_LOG_LEVEL=debug # comment',
      'ZALO_TIMEOUT_MS=3000',
    ].join('\n'));
    const c = loadConfig({ env: { ZALO_TOKEN_FILE: join(dir, 't.json'), ZALO_TIMEOUT_MS: '4000' }, dotenvPath: envFile });
    expect(c.accounts[0]).toMatchObject({ appId: APP.ZALO_APP_ID, appSecret: 'dotenv-app-secret', refreshToken: 'dotenv-refresh-token' });
    expect(c.logLevel).toBe('debug');
    expect(c.timeoutMs).toBe(4000);
  });

  it('stops when an explicitly given .env file cannot be read', () => {
    const message = failure(APP, { dotenvPath: join(dir, 'missing.env') });
    expect(message).toMatch(/\.env file .*missing\.env could not be read/);
  });
});

describe('loadConfig: ZALO_ACCOUNTS_FILE', () => {
  const shop = { alias: 'shop', app_id: '3017450163290040611', app_secret: 'shop-app-secret', refresh_token: 'shop-refresh-token' };
  const branch = { alias: 'branch', app_id: '3017450163290040622', app_secret: 'branch-app-secret', access_token: 'branch-access-token', default: true };

  it('loads several OAs from JSON and picks the one marked default', () => {
    const c = load({ ZALO_ACCOUNTS_FILE: file('oas.json', JSON.stringify({ accounts: [shop, branch] })) });
    expect(c.accounts).toEqual([
      { alias: 'shop', appId: shop.app_id, appSecret: shop.app_secret, accessToken: undefined, refreshToken: shop.refresh_token, isDefault: false, tokensFrom: 'accounts_file' },
      { alias: 'branch', appId: branch.app_id, appSecret: branch.app_secret, accessToken: branch.access_token, refreshToken: undefined, isDefault: true, tokensFrom: 'accounts_file' },
    ]);
    expect(c.defaultOa).toBe('branch');
    expect(accountFor(c).alias).toBe('branch');
    expect(accountFor(c, 'shop').appId).toBe(shop.app_id);
  });

  it('accepts a bare JSON array and defaults to the first OA when none is marked', () => {
    const c = load({ ZALO_ACCOUNTS_FILE: file('oas.json', JSON.stringify([shop, { ...branch, default: false }])) });
    expect(c.defaultOa).toBe('shop');
  });

  it('loads several OAs from YAML', () => {
    const yaml = [
      'accounts:',
      '  - alias: shop',
      '    app_id: "3017450163290040611"',
      '    app_secret: shop-app-secret',
      '    refresh_token: shop-refresh-token',
      '  - alias: branch',
      '    app_id: 3017450163290040622',
      '    app_secret: branch-app-secret',
      '    refresh_token: branch-refresh-token',
      '    default: true',
    ].join('\n');
    const c = load({ ZALO_ACCOUNTS_FILE: file('oas.yaml', yaml) });
    expect(c.accounts.map((a) => [a.alias, a.appId, a.isDefault])).toEqual([['shop', '3017450163290040611', false], ['branch', '3017450163290040622', true]]);
    expect(c.defaultOa).toBe('branch');
    expect(load({ ZALO_ACCOUNTS_FILE: file('oas.yml', yaml) }).accounts).toHaveLength(2);
  });

  it('keeps a 19-digit app_id written as a number exact (JSON and YAML)', () => {
    const json = `{"accounts":[{"alias":"shop","app_id": 3017450163290040611,"app_secret":"shop-app-secret","refresh_token":"shop-refresh-token"}]}`;
    expect(load({ ZALO_ACCOUNTS_FILE: file('big.json', json) }).accounts[0]!.appId).toBe('3017450163290040611');
    const yaml = '- alias: shop\n  app_id: 3017450163290040611\n  app_secret: shop-app-secret\n  refresh_token: shop-refresh-token\n';
    expect(load({ ZALO_ACCOUNTS_FILE: file('big.yaml', yaml) }).accounts[0]!.appId).toBe('3017450163290040611');
  });

  it('refuses a duplicated alias', () => {
    expect(failure({ ZALO_ACCOUNTS_FILE: file('dup.json', JSON.stringify([shop, { ...branch, alias: 'shop' }])) }))
      .toBe('ZALO_ACCOUNTS_FILE lists alias "shop" twice: aliases must be unique');
  });

  it('reports a duplicated alias even when that entry also lacks a token', () => {
    const { refresh_token: _, ...noToken } = shop;
    expect(failure({ ZALO_ACCOUNTS_FILE: file('dup.json', JSON.stringify([shop, noToken])) })).toMatch(/alias "shop" twice/);
  });

  it('refuses two defaults', () => {
    expect(failure({ ZALO_ACCOUNTS_FILE: file('two.json', JSON.stringify([{ ...shop, default: true }, branch])) }))
      .toBe('ZALO_ACCOUNTS_FILE marks 2 accounts as default: mark exactly one');
  });

  it('refuses an empty list, bad JSON, a missing file and an invalid entry, naming ZALO_ACCOUNTS_FILE', () => {
    expect(failure({ ZALO_ACCOUNTS_FILE: file('empty.json', '[]') })).toMatch(/^ZALO_ACCOUNTS_FILE .* lists no accounts/);
    expect(failure({ ZALO_ACCOUNTS_FILE: file('bad.json', '{"accounts": [') })).toMatch(/^ZALO_ACCOUNTS_FILE .*bad\.json could not be read as JSON/);
    expect(failure({ ZALO_ACCOUNTS_FILE: join(dir, 'nope.yaml') })).toMatch(/^ZALO_ACCOUNTS_FILE .*nope\.yaml could not be read as YAML/);
    expect(failure({ ZALO_ACCOUNTS_FILE: file('bad-alias.json', JSON.stringify([{ ...shop, alias: 'Shop HCM' }])) })).toMatch(/^ZALO_ACCOUNTS_FILE .*alias/);
    expect(failure({ ZALO_ACCOUNTS_FILE: file('no-secret.json', JSON.stringify([{ alias: 'shop', app_id: '1', refresh_token: 'shop-refresh-token' }])) })).toMatch(/^ZALO_ACCOUNTS_FILE .*app_secret/);
  });

  it('names the entry that has no token and its login command', () => {
    const { refresh_token: _, ...noToken } = shop;
    expect(failure({ ZALO_ACCOUNTS_FILE: file('oas.json', JSON.stringify([noToken, branch])) })).toMatch(/entry "shop" has no refresh_token.*login --oa shop/);
  });

  it('names the configured aliases for an unknown one', () => {
    const c = load({ ZALO_ACCOUNTS_FILE: file('oas.json', JSON.stringify([shop, branch])) });
    expect(() => accountFor(c, 'hanoi')).toThrow('Unknown OA "hanoi": configured OAs are shop, branch');
  });
});

describe('loadConfig: sandbox', () => {
  it('needs no credentials and uses the simulator\'s OAs', () => {
    const c = disposable(loadConfig({ env: { ZALO_SANDBOX: '1' }, dotenvPath: null }));
    expect(c.sandbox).toBe(true);
    expect(c.accounts.map((a) => a.alias)).toEqual(SANDBOX_ACCOUNTS.map((a) => a.alias));
    expect(c.defaultOa).toBe('shop');
  });

  it('is also turned on by the --sandbox option', () => {
    expect(disposable(loadConfig({ env: {}, sandbox: true, dotenvPath: null })).sandbox).toBe(true);
  });

  it('uses a fresh temporary token file, never the real one', () => {
    const a = disposable(loadConfig({ env: { ZALO_SANDBOX: '1' }, dotenvPath: null }));
    const b = disposable(loadConfig({ env: { ZALO_SANDBOX: 'true' }, dotenvPath: null }));
    expect(a.tokenFile.startsWith(resolve(tmpdir()))).toBe(true);
    expect(a.tokenFile).not.toBe(b.tokenFile);
    expect(dirname(a.tokenFile)).not.toBe(join(homedir(), '.config', 'zalo-oa-mcp'));
  });

  it('uses ZALO_TOKEN_FILE when it is set', () => {
    const path = join(dir, 'sandbox-tokens.json');
    expect(loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: path }, dotenvPath: null }).tokenFile).toBe(path);
  });

  it('ignores real credentials in the environment', () => {
    const c = disposable(loadConfig({ env: { ZALO_SANDBOX: '1', ...APP }, dotenvPath: null }));
    expect(c.accounts.map((a) => a.appId)).toEqual(SANDBOX_ACCOUNTS.map((a) => a.appId));
  });
});
