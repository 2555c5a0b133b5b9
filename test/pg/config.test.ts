/** ZALO_DATABASE_URL in the configuration: validated, treated as a secret, and it replaces the token-file check. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, tokenStoreLabel } from '../../src/config.js';
import { redact } from '../../src/zalo/redact.js';
import { disposable } from '../tmp.js';

const load = (env: Record<string, string>) => disposable(loadConfig({ env, dotenvPath: null }));

describe('ZALO_DATABASE_URL', () => {
  it('must be a postgres:// URL; the error names the variable and never repeats the value', () => {
    let error: unknown;
    try {
      load({ ZALO_SANDBOX: '1', ZALO_DATABASE_URL: 'mysql://u:very-secret-pw@h/db' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/ZALO_DATABASE_URL.*postgres:\/\//);
    expect((error as Error).message).not.toContain('very-secret-pw');
  });

  it('is kept (sslmode and all), its password is redacted from any message, and messages name the database, not the URL', () => {
    const url = 'postgresql://zalo:pa%24%24-word-42@db.internal:5432/zalo?sslmode=require';
    const config = load({ ZALO_SANDBOX: '1', ZALO_DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    expect(redact(`connect failed for ${url} with pa$$-word-42`)).not.toMatch(/pa\$\$-word-42|pa%24%24-word-42/);
    expect(tokenStoreLabel(config)).toBe('PostgreSQL (ZALO_DATABASE_URL)');
    expect(tokenStoreLabel(load({ ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: '/tmp/t.json' }))).toBe('/tmp/t.json');
  });

  it('replaces the start-up check of the token file: the pairs are in the database', () => {
    const env = { ZALO_APP_ID: '123456', ZALO_APP_SECRET: 'app-secret-xyz-1', ZALO_TOKEN_FILE: '/nonexistent/tokens.json' };
    expect(() => load(env)).toThrow(/ZALO_REFRESH_TOKEN is missing/);
    expect(load({ ...env, ZALO_DATABASE_URL: 'postgres://zalo:pw@127.0.0.1:5432/zalo' }).databaseUrl).toMatch(/^postgres:/);
  });
});
