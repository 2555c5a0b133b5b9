/**
 * Self-refreshing tokens against the simulator's single-use refresh tokens: refresh ahead of
 * expiry, one refresh + one replay on -216 (never a loop), single-flight under 100 concurrent
 * calls, the rotated pair on disk (0600) before the new access token is used, the token file
 * winning over stale env tokens after a restart, failed refreshes, and several OAs.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/credentials.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ZaloAuthError, type ZaloError } from '../../src/zalo/errors.js';
import { FileTokenStore, type StoredTokens, type TokenStore } from '../../src/zalo/token-store.js';
import { REFRESH_AHEAD_MS } from '../../src/zalo/tokens.js';
import { clientFixture, getoa, type ClientFixture, caught } from './helpers.js';

const GETOA = '/v2.0/oa/getoa';
const REFRESH = '/v4/oa/access_token';
const [SHOP, BRANCH] = SANDBOX_ACCOUNTS;

const tokenFile = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: number; oas: Record<string, StoredTokens> };
const header = (sim: Sandbox, i: number) => sim.requests[i]!.headers['access_token'];
/** The path of every logged request, in order. */
const trail = (sim: Sandbox) => sim.requests.map((r) => `${r.path}:${r.error}`);

describe('tokens', () => {
  let f: ClientFixture;
  beforeEach(async () => { f = await clientFixture(); });
  afterEach(async () => { await f.close(); });

  it('gets a first access token with the refresh grant: secret only in the secret_key header', async () => {
    await getoa(f.client);
    expect(trail(f.sim)).toEqual([`${REFRESH}:0`, `${GETOA}:0`]);
    const grant = f.sim.requests[0]!;
    expect(grant.body).toEqual({ refresh_token: SHOP!.refreshToken, app_id: SHOP!.appId, grant_type: 'refresh_token' });
    expect(grant.headers['secret_key']).toBe(SHOP!.appSecret);
    expect(grant.headers['access_token']).toBeUndefined();
    expect(JSON.stringify(grant.query)).not.toContain(SHOP!.appSecret);
  });

  it('refreshes before a call when the stored access token expires within the refresh margin', async () => {
    await getoa(f.client);
    const stored = tokenFile(f.tokenFile).oas.shop!;
    // Still valid on Zalo's side, but our record says it dies in a minute.
    writeFileSync(f.tokenFile, JSON.stringify({ version: 1, oas: { shop: { ...stored, access_expires_at: Date.now() + 60_000 } } }));
    f.sim.requests.length = 0;
    await getoa(f.restart());
    expect(trail(f.sim)).toEqual([`${REFRESH}:0`, `${GETOA}:0`]);
    expect(f.sim.requests[0]!.body.refresh_token).toBe(stored.refresh_token);
    expect(header(f.sim, 1)).not.toBe(stored.access_token);
    expect(header(f.sim, 1)).toBe(tokenFile(f.tokenFile).oas.shop!.access_token);
  });

  it('does not refresh a token that is valid beyond the margin', async () => {
    await getoa(f.client);
    const stored = tokenFile(f.tokenFile).oas.shop!;
    writeFileSync(f.tokenFile, JSON.stringify({ version: 1, oas: { shop: { ...stored, access_expires_at: Date.now() + REFRESH_AHEAD_MS + 60_000 } } }));
    f.sim.requests.length = 0;
    await getoa(f.restart());
    expect(trail(f.sim)).toEqual([`${GETOA}:0`]);
    expect(header(f.sim, 0)).toBe(stored.access_token);
  });

  it('on -216 refreshes once and replays the call once', async () => {
    await getoa(f.client);
    const before = tokenFile(f.tokenFile).oas.shop!;
    f.sim.expireTokens();
    f.sim.requests.length = 0;
    const data = await getoa(f.client);
    expect(data.oaid).toBe(SHOP!.oaId);
    expect(trail(f.sim)).toEqual([`${GETOA}:-216`, `${REFRESH}:0`, `${GETOA}:0`]);
    expect(header(f.sim, 0)).toBe(before.access_token);
    expect(header(f.sim, 2)).toBe(tokenFile(f.tokenFile).oas.shop!.access_token);
    expect(f.client.tokenManager().refreshCount).toBe(2);
  });

  it('replays a write once after -216 too (Zalo rejected it before doing anything)', async () => {
    await getoa(f.client);
    f.sim.expireTokens();
    const user = [...f.sim.oa().followers.values()].find((x) => x.is_follower)!;
    await f.client.request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/tag/tagfollower', body: { user_id: user.user_id, tag_name: 'replayed' } });
    expect(f.sim.calls('/tagfollower').map((r) => r.error)).toEqual([-216, 0]);
    expect(user.tags.has('replayed')).toBe(true);
  });

  it('does not loop when the replay is rejected again: fails with the login hint naming the OA', async () => {
    await getoa(f.client);
    f.sim.requests.length = 0;
    f.sim.failNext({ path: GETOA, code: -216, times: 5 });
    const err = await caught(getoa(f.client));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err.code).toBe(-216);
    expect(err.hint).toContain('zalo-oa-mcp login --oa shop');
    expect(trail(f.sim)).toEqual([`${GETOA}:-216`, `${REFRESH}:0`, `${GETOA}:-216`]);
  });

  it('makes exactly one refresh for 100 concurrent calls whose token Zalo expired', async () => {
    await getoa(f.client);
    f.sim.expireTokens();
    f.sim.requests.length = 0;
    const results = await Promise.all(Array.from({ length: 100 }, () => getoa(f.client)));
    expect(results.every((r) => r.oaid === SHOP!.oaId)).toBe(true);
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    const fresh = tokenFile(f.tokenFile).oas.shop!.access_token;
    const ok = f.sim.calls(GETOA).filter((r) => r.error === 0);
    expect(ok).toHaveLength(100);
    expect(ok.every((r) => r.headers['access_token'] === fresh)).toBe(true);
  });

  it('makes exactly one refresh for 100 concurrent first calls of a restarted client whose stored token expired', async () => {
    await getoa(f.client);
    const stored = tokenFile(f.tokenFile).oas.shop!;
    writeFileSync(f.tokenFile, JSON.stringify({ version: 1, oas: { shop: { ...stored, access_expires_at: Date.now() - 1000 } } }));
    f.sim.requests.length = 0;
    const client = f.restart();
    await Promise.all(Array.from({ length: 100 }, () => getoa(client)));
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    expect(f.sim.calls(GETOA).every((r) => r.error === 0)).toBe(true);
  });

  it('shares one load of the store between concurrent first calls, even when reads finish out of order', async () => {
    await getoa(f.client);
    const stored = tokenFile(f.tokenFile).oas.shop!;
    writeFileSync(f.tokenFile, JSON.stringify({ version: 1, oas: { shop: { ...stored, access_expires_at: Date.now() - 1000 } } }));
    f.sim.requests.length = 0;
    // The second read of the store lands after the first caller already refreshed and saved.
    const inner = new FileTokenStore(f.tokenFile);
    let loads = 0;
    const store: TokenStore = {
      load: async (alias) => {
        const value = await inner.load(alias);
        if (loads++ > 0) await new Promise((r) => setTimeout(r, 200));
        return value;
      },
      save: (alias, t) => inner.save(alias, t),
      withRefreshLock: (alias, fn) => inner.withRefreshLock(alias, fn),
    };
    const client = f.restart({ store });
    const results = await Promise.allSettled([getoa(client), getoa(client)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(f.sim.calls(REFRESH).map((r) => r.error)).toEqual([0]);
  });

  it('writes the rotated pair to the token file (0600) before the new access token is used', async () => {
    const inner = new FileTokenStore(f.tokenFile);
    const seen: Array<{ onDisk: string; mode: number; usedBeforeSave: number; refreshes: number }> = [];
    const record = (alias: string, t: StoredTokens) => {
        seen.push({
          onDisk: tokenFile(f.tokenFile).oas[alias]!.refresh_token === t.refresh_token ? t.access_token : 'missing',
          mode: statSync(f.tokenFile).mode & 0o777,
          usedBeforeSave: f.sim.requests.filter((r) => r.headers['access_token'] === t.access_token).length,
          refreshes: f.sim.calls(REFRESH).length,
        });
    };
    const store: TokenStore = {
      load: (alias) => inner.load(alias),
      save: (alias, t) => inner.save(alias, t),
      withRefreshLock: (alias, fn) => inner.withRefreshLock(alias, (session) => fn({
        current: session.current,
        save: async (t) => { await session.save(t); record(alias, t); },
      })),
    };
    const client = f.restart({ store });
    await getoa(client);
    f.sim.expireTokens();
    await getoa(client);
    expect(seen).toHaveLength(2);
    for (const [i, s] of seen.entries()) {
      expect(s.onDisk).toMatch(/^sbx_at_/);
      expect(s.mode).toBe(0o600);
      expect(s.usedBeforeSave).toBe(0);
      expect(s.refreshes).toBe(i + 1);
    }
    // ...and it is exactly that token the calls then used.
    const used = f.sim.calls(GETOA).filter((r) => r.error === 0).map((r) => r.headers['access_token']);
    expect(used).toEqual(seen.map((s) => s.onDisk));
  });

  it('fails a refresh with a used refresh token clearly, once, telling the user to log in again', async () => {
    await getoa(f.client); // burns the initial refresh token
    const other = await clientFixture({ sim: f.sim }); // a fresh token file: only the dead initial token
    f.sim.requests.length = 0;
    const err = await caught(getoa(other.client));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err.code).toBe(-14014);
    expect(err.message).toMatch(/Refreshing the access token for OA "shop" failed: Refresh token is invalid or has been used/);
    expect(err.hint).toBe('Run `zalo-oa-mcp login --oa shop` to authorise the OA again.');
    expect(trail(f.sim)).toEqual([`${REFRESH}:-14014`]);
    // The next call tries once more (maybe the user logged in meanwhile), still without looping.
    await caught(getoa(other.client));
    expect(trail(f.sim)).toEqual([`${REFRESH}:-14014`, `${REFRESH}:-14014`]);
  });

  it('fails a -216 whose refresh is refused without replaying', async () => {
    await getoa(f.client);
    f.sim.expireTokens();
    f.sim.requests.length = 0;
    f.sim.failNext({ path: REFRESH, code: -14014, message: 'Refresh token is invalid or has been used' });
    const err = await caught(getoa(f.client));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err.hint).toContain('zalo-oa-mcp login --oa shop');
    expect(trail(f.sim)).toEqual([`${GETOA}:-216`, `${REFRESH}:-14014`]);
  });

  it('refreshes several OAs independently', async () => {
    await getoa(f.client);
    await getoa(f.client, { oa: 'branch' });
    const before = tokenFile(f.tokenFile).oas;
    f.sim.expireTokens('branch');
    f.sim.requests.length = 0;
    await getoa(f.client);
    expect(trail(f.sim)).toEqual([`${GETOA}:0`]);
    const data = await getoa(f.client, { oa: 'branch' });
    expect(data.oaid).toBe(BRANCH!.oaId);
    expect(f.sim.calls(REFRESH).map((r) => r.body.app_id)).toEqual([BRANCH!.appId]);
    expect(f.sim.calls(REFRESH)[0]!.headers['secret_key']).toBe(BRANCH!.appSecret);
    const after = tokenFile(f.tokenFile).oas;
    expect(after.shop).toEqual(before.shop);
    expect(after.branch!.refresh_token).not.toBe(before.branch!.refresh_token);
  });

  it('single-flights per OA: 50 + 50 concurrent calls on two expired OAs make one refresh each', async () => {
    await getoa(f.client);
    await getoa(f.client, { oa: 'branch' });
    f.sim.expireTokens();
    f.sim.requests.length = 0;
    await Promise.all(Array.from({ length: 100 }, (_, i) => getoa(f.client, { oa: i % 2 ? 'branch' : 'shop' })));
    expect(f.sim.calls(REFRESH).map((r) => r.body.app_id).sort()).toEqual([SHOP!.appId, BRANCH!.appId].sort());
    const oas = tokenFile(f.tokenFile).oas;
    expect(Object.keys(oas).sort()).toEqual(['branch', 'shop']);
  });
});

describe('restart with stale env tokens', () => {
  let f: ClientFixture;
  beforeEach(async () => { f = await clientFixture(); });
  afterEach(async () => { await f.close(); });

  it('uses the token file\'s pair, not the dead env tokens', async () => {
    await getoa(f.client);
    const deadAccess = String(f.sim.calls(GETOA)[0]!.headers['access_token']);
    f.sim.expireTokens(); // the env's access token is now dead too
    await getoa(f.client); // rotates again: the file holds the only live pair
    const live = tokenFile(f.tokenFile).oas.shop!;
    f.sim.requests.length = 0;

    // A real (non-sandbox) configuration, as after a restart with the original env still set.
    const config = loadConfig({
      env: {
        ZALO_APP_ID: SHOP!.appId, ZALO_APP_SECRET: SHOP!.appSecret, ZALO_OA_ALIAS: 'shop',
        ZALO_ACCESS_TOKEN: deadAccess, ZALO_REFRESH_TOKEN: SHOP!.refreshToken, ZALO_TOKEN_FILE: f.tokenFile,
        ZALO_OPENAPI_URL: f.sim.urls.openapi, ZALO_OAUTH_URL: f.sim.urls.oauth, ZALO_ZNS_URL: f.sim.urls.zns,
      },
      dotenvPath: null,
    });
    const client = new ZaloClient(config, { retryBaseMs: 5 });
    await getoa(client);
    expect(trail(f.sim)).toEqual([`${GETOA}:0`]);
    expect(header(f.sim, 0)).toBe(live.access_token);

    // When that one expires, the refresh uses the file's refresh token, not the env's dead one.
    f.sim.expireTokens();
    await getoa(client);
    expect(f.sim.calls(REFRESH).map((r) => [r.body.refresh_token, r.error])).toEqual([[live.refresh_token, 0]]);
  });

  it('starts from env tokens when the token file has nothing yet, and saves the rotated pair', async () => {
    await getoa(f.client);
    const access = String(f.sim.calls(GETOA)[0]!.headers['access_token']);
    const refresh = tokenFile(f.tokenFile).oas.shop!.refresh_token;
    const emptyFile = `${f.tokenFile}.fresh.json`;
    const config = loadConfig({
      env: {
        ZALO_APP_ID: SHOP!.appId, ZALO_APP_SECRET: SHOP!.appSecret, ZALO_OA_ALIAS: 'shop',
        ZALO_ACCESS_TOKEN: access, ZALO_REFRESH_TOKEN: refresh, ZALO_TOKEN_FILE: emptyFile,
        ZALO_OPENAPI_URL: f.sim.urls.openapi, ZALO_OAUTH_URL: f.sim.urls.oauth, ZALO_ZNS_URL: f.sim.urls.zns,
      },
      dotenvPath: null,
    });
    f.sim.requests.length = 0;
    const client = new ZaloClient(config, { retryBaseMs: 5 });
    await getoa(client);
    expect(trail(f.sim)).toEqual([`${GETOA}:0`]); // the bootstrap access token is used as is
    f.sim.expireTokens();
    await getoa(client);
    expect(f.sim.calls(REFRESH).map((r) => r.body.refresh_token)).toEqual([refresh]);
    expect(tokenFile(emptyFile).oas.shop!.refresh_token).not.toBe(refresh);
    expect(statSync(emptyFile).mode & 0o777).toBe(0o600);
  });
});
