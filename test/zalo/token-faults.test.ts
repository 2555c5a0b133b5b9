/**
 * The refresh grant under faults, against the simulator's single-use refresh tokens: an answer
 * lost after Zalo processed it, a timeout, a 5xx, a refused connection, a failing disk. The grant
 * is never re-sent, the error says what is known without a secret, and a new pair that Zalo
 * returned is never dropped.
 */
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTokens } from '../../src/sandbox/routes/oauth.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ZaloAuthError, ZaloNetworkError } from '../../src/zalo/errors.js';
import { FileTokenStore, type StoredTokens, type TokenStore } from '../../src/zalo/token-store.js';
import { caught, clientFixture, getoa, type ClientFixture } from './helpers.js';

const REFRESH = '/v4/oa/access_token';
const stored = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { oas: Record<string, StoredTokens> }).oas.shop!;
/** Our record of the access token says it is expired: the next call refreshes first. */
const expireLocally = async (f: ClientFixture) => {
  const t = stored(f.tokenFile);
  await new FileTokenStore(f.tokenFile).save('shop', { ...t, access_expires_at: Date.now() - 1000 });
};

describe('refresh grant faults', () => {
  let f: ClientFixture;
  beforeEach(async () => {
    f = await clientFixture({ env: { ZALO_TIMEOUT_MS: '1000' } });
    await getoa(f.client);
    f.sim.requests.length = 0;
  });
  afterEach(async () => { await f.close(); });

  it('answer lost after Zalo rotated the pair: sent once, reported as "may have been used" without a secret', async () => {
    const spent = stored(f.tokenFile).refresh_token;
    f.sim.expireTokens();
    f.sim.failNext({ path: REFRESH, code: 0, lose: true });
    const err = await caught(getoa(f.client));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err.message).toMatch(/Refreshing the access token for OA "shop" got no usable answer .*: the refresh token may have been used/);
    expect(err.hint).toMatch(/Call again once; if that fails too, run `zalo-oa-mcp login --oa shop`/);
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    const live = f.sim.oa().refresh_token;
    expect(live).not.toBe(spent); // Zalo did process it
    for (const text of [err.message, err.hint, ...f.lines]) {
      expect(text).not.toContain(spent);
      expect(text).not.toContain(live);
    }
    // The next call tries the refresh token once more and gets Zalo's verdict: log in again.
    const again = await caught(getoa(f.client));
    expect(again.message).toMatch(/invalid or has been used/);
    expect(again.hint).toContain('zalo-oa-mcp login --oa shop');
    expect(f.sim.calls(REFRESH).map((r) => r.body.refresh_token)).toEqual([spent, spent]);
  });

  it('a grant that timed out is not re-sent (Zalo processed it late)', async () => {
    await expireLocally(f);
    const client = f.restart();
    f.sim.failNext({ path: REFRESH, code: 0, lose: 'hang' });
    const spent = stored(f.tokenFile).refresh_token;
    const err = await caught(client.tokenManager().accessToken());
    expect(err.message).toMatch(/did not answer within 1000 ms\): the refresh token may have been used/);
    expect(f.sim.oa().refresh_token).not.toBe(spent);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
  });

  it('refresh endpoint down with a 5xx page: sent once, "may have been used"', async () => {
    f.sim.expireTokens();
    f.sim.failNext({ path: REFRESH, code: -1, httpStatus: 502 });
    const err = await caught(getoa(f.client));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err.message).toMatch(/may have been used/);
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    // It was not processed here, so the next call refreshes with the same, still live token.
    expect((await getoa(f.client)).oaid).toBe(f.sim.oa().profile.oa_id);
    expect(f.sim.calls(REFRESH).map((r) => r.error)).toEqual([-1, 0]);
  });

  it('refresh endpoint refusing connections: nothing was sent, so the token is unused', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    await expireLocally(f);
    const client = new ZaloClient({ ...f.config, urls: { ...f.config.urls, oauth: `http://127.0.0.1:${port}/oauth` } }, { retryBaseMs: 5 });
    const err = await caught(getoa(client));
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err.message).toMatch(/OAuth endpoint could not be reached \(nothing was sent\)/);
    expect(err.hint).toMatch(/refresh token is unused/);
    expect(f.sim.requests).toHaveLength(0);
  });

  it('after a lost answer, uses a newer pair that another process stored meanwhile', async () => {
    await expireLocally(f);
    const client = f.restart();
    f.sim.failNext({ path: REFRESH, code: 0, lose: 'hang' }); // our grant times out
    const pending = client.tokenManager().accessToken();
    await new Promise((r) => setTimeout(r, 300));
    // Another process (holding no lock, e.g. an older version) stores a pair it got from Zalo.
    const theirs = issueTokens(f.sim.state, f.sim.oa());
    await new FileTokenStore(f.tokenFile).save('shop', {
      access_token: theirs.access_token, refresh_token: theirs.refresh_token, access_expires_at: Date.now() + 3_600_000, updated_at: Date.now(),
    });
    expect(await pending).toBe(theirs.access_token);
    expect((await getoa(client)).oaid).toBe(f.sim.oa().profile.oa_id);
    expect(f.sim.calls('/v2.0/oa/getoa').at(-1)!.headers['access_token']).toBe(theirs.access_token);
  });

  it('the authorization_code grant (login) is never retried either', async () => {
    f.sim.failNext({ path: REFRESH, code: -1, httpStatus: 503 });
    await caught(f.client.exchangeCode('shop', 'sbx_code_x', 'v'.repeat(43)));
    f.sim.failNext({ path: REFRESH, code: 0, lose: true });
    await caught(f.client.exchangeCode('shop', 'sbx_code_y', 'v'.repeat(43)));
    expect(f.sim.calls(REFRESH).map((r) => r.body.code)).toEqual(['sbx_code_x', 'sbx_code_y']);
  });
});

describe('a failing token store', () => {
  let f: ClientFixture;
  beforeEach(async () => {
    f = await clientFixture();
    await getoa(f.client);
    f.sim.requests.length = 0;
  });
  afterEach(async () => { await f.close(); });

  /** The real file store, with its writes under the refresh lock failing while `failures` > 0 (a full or read-only disk). */
  const flaky = (failures: { n: number }): TokenStore => {
    const inner = new FileTokenStore(f.tokenFile);
    return {
      load: (alias) => inner.load(alias),
      save: (alias, t) => inner.save(alias, t),
      withRefreshLock: (alias, fn) => inner.withRefreshLock(alias, (s) => fn({
        current: s.current,
        save: async (t) => {
          if (failures.n-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          await s.save(t);
        },
      })),
    };
  };

  it('retries a failed write of the new pair: the call succeeds and the pair is on disk', async () => {
    const client = f.restart({ store: flaky({ n: 2 }) });
    f.sim.expireTokens();
    await getoa(client);
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    expect(stored(f.tokenFile).refresh_token).toBe(f.sim.oa().refresh_token);
    expect(f.lines.filter((l) => l.includes('] error:'))).toEqual([]);
  });

  it('keeps the pair in memory when every write fails, logs it at error level without a secret, and stores it later', async () => {
    const failures = { n: 1000 };
    const client = f.restart({ store: flaky(failures) });
    f.sim.expireTokens();
    await getoa(client); // the call still succeeds
    const held = f.sim.oa().refresh_token;
    expect(stored(f.tokenFile).refresh_token).not.toBe(held);
    const errors = f.lines.filter((l) => l.includes('] error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('could not store the new token pair of OA "shop"; it is kept in memory');
    const heldAccess = String(f.sim.calls('/v2.0/oa/getoa').at(-1)!.headers['access_token']);
    for (const secret of [held, heldAccess]) expect(f.lines.join('\n')).not.toContain(secret);

    await getoa(client); // no new grant: the held pair serves
    expect(f.sim.calls(REFRESH)).toHaveLength(1);
    failures.n = 0; // the disk is fixed
    f.sim.expireTokens();
    await getoa(client);
    // The held (newer) refresh token was used, not the stale one on disk, and the result stored.
    expect(f.sim.calls(REFRESH).map((r) => [r.body.refresh_token, r.error])).toEqual([[expect.any(String), 0], [held, 0]]);
    expect(stored(f.tokenFile).refresh_token).toBe(f.sim.oa().refresh_token);
  });
});
