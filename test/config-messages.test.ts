/**
 * Start-up messages a newcomer meets first (issue 13, item 6) and the CLI flags that win over the
 * environment (item 3): each names the entry, field or variable and what to do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatAccounts, listAccounts } from '../src/cli/accounts.js';
import { ConfigError, loadConfig, nearestName, type LoadConfigOptions } from '../src/config.js';
import { selectTools } from '../src/tools/registry.js';
import { FileTokenStore } from '../src/zalo/token-store.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'zalo-config-msg-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = (env: Record<string, string>, options: Omit<LoadConfigOptions, 'env'> = {}) =>
  loadConfig({ env: { ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ...env }, dotenvPath: null, ...options });

function failure(env: Record<string, string>): string {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected loadConfig to fail');
}

function accountsFile(entries: unknown): string {
  const path = join(dir, 'oas.json');
  writeFileSync(path, JSON.stringify(entries));
  return path;
}

const shop = { alias: 'shop', app_id: '3017450163290040611', app_secret: 'shop-app-secret', refresh_token: 'shop-refresh-token' };
const branch = { alias: 'branch', app_id: '3017450163290040622', app_secret: 'branch-app-secret', refresh_token: 'branch-refresh-token' };

describe('accounts file entries', () => {
  it('names the entry (position and alias) and the missing field', () => {
    const { app_secret: _, ...noSecret } = branch;
    expect(failure({ ZALO_ACCOUNTS_FILE: accountsFile([shop, noSecret]) })).toMatch(/^ZALO_ACCOUNTS_FILE entry 2 \(alias "branch"\) has no app_secret; each entry needs/);
    const { alias: __, ...noAlias } = shop;
    expect(failure({ ZALO_ACCOUNTS_FILE: accountsFile({ accounts: [noAlias] }) })).toMatch(/^ZALO_ACCOUNTS_FILE entry 1 has no alias;/);
  });

  it('names the entry and field of a bad value', () => {
    expect(failure({ ZALO_ACCOUNTS_FILE: accountsFile([shop, { ...branch, alias: 'Chi Nhánh' }]) })).toMatch(/^ZALO_ACCOUNTS_FILE entry 2 \(alias "Chi Nhánh"\): alias .*a-z 0-9/);
  });

  it('reports an app id (or other single-OA variable) given together with an accounts file', () => {
    const path = accountsFile([shop]);
    expect(failure({ ZALO_ACCOUNTS_FILE: path, ZALO_APP_ID: '3017450163290049999' })).toMatch(/^ZALO_APP_ID is set together with ZALO_ACCOUNTS_FILE.*accounts file/);
    expect(failure({ ZALO_ACCOUNTS_FILE: path, ZALO_APP_SECRET: 'some-secret-x', ZALO_REFRESH_TOKEN: 'some-refresh-token' })).toMatch(/^ZALO_APP_SECRET, ZALO_REFRESH_TOKEN are set together with ZALO_ACCOUNTS_FILE/);
  });

  it('`accounts` labels bootstrap tokens from the accounts file as such', async () => {
    const config = load({ ZALO_ACCOUNTS_FILE: accountsFile([shop, branch]) });
    const rows = await listAccounts(config, new FileTokenStore(config.tokenFile));
    expect(rows.map((r) => r.token_source)).toEqual(['accounts_file', 'accounts_file']);
    expect(formatAccounts(rows, config.tokenFile)).toMatch(/shop \*.*refresh token present \(accounts file\)/);
    const single = load({ ZALO_APP_ID: '3017450163290049999', ZALO_APP_SECRET: 'app-secret-xyz', ZALO_REFRESH_TOKEN: 'env-refresh-token' });
    expect((await listAccounts(single, new FileTokenStore(single.tokenFile)))[0]!.token_source).toBe('env');
  });
});

describe('toolset and tool names', () => {
  const sandbox = (env: Record<string, string> = {}) => load({ ZALO_SANDBOX: '1', ...env });

  it('are case-insensitive', () => {
    const names = selectTools(sandbox({ ZALO_TOOLSETS: 'OA, Messages', ZALO_DENY_TOOLS: 'MESSAGES_SEND_TEXT' })).map((t) => t.name);
    expect(names).toContain('oa_get_profile');
    expect(names).toContain('messages_send_image');
    expect(names).not.toContain('messages_send_text');
    expect(names).not.toContain('followers_list');
  });

  it('suggest the nearest name for a typo', () => {
    expect(() => selectTools(sandbox({ ZALO_TOOLSETS: 'mesages' }))).toThrow(/^ZALO_TOOLSETS has unknown toolset "mesages" \(did you mean "messages"\?\): use all, default or oa/);
    expect(() => selectTools(sandbox({ ZALO_TOOLSETS: 'defualt' }))).toThrow(/did you mean "default"\?/);
    expect(() => selectTools(sandbox({ ZALO_TOOLS: 'followers_get_profil' }))).toThrow(/^ZALO_TOOLS has unknown tool "followers_get_profil" \(did you mean "followers_get_profile"\?\)/);
    expect(() => selectTools(sandbox({ ZALO_TOOLSETS: 'chat' }))).toThrow(/unknown toolset "chat": use/);
    expect(nearestName('zsn', ['zns', 'oa'])).toBe('zns');
    expect(nearestName('xyzzy', ['zns', 'oa'])).toBeUndefined();
  });
});

describe('--toolsets, --read-only, --dry-run', () => {
  it('win over the environment', () => {
    const env = { ZALO_SANDBOX: '1', ZALO_TOOLSETS: 'all', ZALO_READ_ONLY: '0', ZALO_DRY_RUN: '0' };
    const plain = load(env);
    expect([plain.toolsets, plain.readOnly, plain.dryRun]).toEqual([['all'], false, false]);
    const flagged = load(env, { flags: { toolsets: 'Zns,oa', readOnly: true, dryRun: true } });
    expect([flagged.toolsets, flagged.readOnly, flagged.dryRun]).toEqual([['zns', 'oa'], true, true]);
  });

  it('an unknown name from --toolsets is reported against the flag, not the variable', () => {
    const flagged = load({ ZALO_SANDBOX: '1', ZALO_TOOLSETS: 'oa' }, { flags: { toolsets: 'mesages' } });
    expect(() => selectTools(flagged)).toThrow(/^--toolsets has unknown toolset "mesages" \(did you mean "messages"\?\)/);
  });

  it('leave the environment alone when not given', () => {
    const c = load({ ZALO_SANDBOX: '1', ZALO_READ_ONLY: '1' }, { flags: { readOnly: false, dryRun: false } });
    expect(c.readOnly).toBe(true);
  });
});
