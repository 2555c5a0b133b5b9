/**
 * ZaloClient against the real simulator over HTTP: Zalo's envelope and its typed errors, the
 * retry policy (reads at most twice, writes never), timeouts, cancellation, base URLs with a
 * path prefix, redaction and dry-run.
 */
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type Config } from '../../src/config.js';
import { DryRunStop, ZaloClient } from '../../src/zalo/client.js';
import {
  CODE_TABLE, ZaloApiError, ZaloAuthError, ZaloError, ZaloHttpError, ZaloInvalidRequestError, ZaloPermissionError,
  ZaloQuotaError, ZaloRateLimitError, ZaloRecipientError, ZaloResponseShapeError, ZaloTimeoutError, ZaloNetworkError,
} from '../../src/zalo/errors.js';
import { REDACTED } from '../../src/zalo/redact.js';
import { clientFixture, getoa, retryDelays, tagFollower, type ClientFixture, caught } from './helpers.js';
import { tempDir } from '../tmp.js';

const GETOA = '/v2.0/oa/getoa';
const TAG = '/v2.0/oa/tag/tagfollower';

describe('ZaloClient', () => {
  let f: ClientFixture;
  let userId: string;
  beforeEach(async () => {
    f = await clientFixture();
    userId = [...f.sim.oa().followers.values()].find((x) => x.is_follower)!.user_id;
    // Get a token first so fault rules hit the call under test, not the refresh; then start clean.
    await getoa(f.client);
    f.sim.requests.length = 0;
    f.lines.length = 0;
  });
  /** Another client on the same simulator and token file (no second refresh with a dead token). */
  const sibling = (options: Parameters<typeof clientFixture>[0] = {}) =>
    clientFixture({ ...options, sim: f.sim, env: { ZALO_TOKEN_FILE: f.tokenFile, ...options.env } });
  afterEach(async () => { await f.close(); });

  describe('envelope', () => {
    it('returns the envelope data, with the access token in the access_token header', async () => {
      const data = await getoa(f.client);
      expect(data.oaid).toBe(f.sim.oa().account.oaId);
      const [req] = f.sim.calls(GETOA);
      expect(req!.headers['access_token']).toMatch(/^sbx_at_/);
      expect(req!.oa).toBe('shop');
    });

    const cases: Array<[number, abstract new (...a: never[]) => ZaloApiError, string]> = [
      [-216, ZaloAuthError, 'auth'],
      [-32, ZaloRateLimitError, 'rate_limit'],
      [-211, ZaloQuotaError, 'quota'],
      [-201, ZaloInvalidRequestError, 'invalid_request'],
      [-213, ZaloRecipientError, 'recipient'],
      [-209, ZaloPermissionError, 'permission'],
    ];
    for (const [code, Cls, kind] of cases) {
      it(`maps HTTP 200 + error ${code} to ${Cls.name} with its hint`, async () => {
        // Enough failures to outlast the -216 replay and the two read retries.
        f.sim.failNext({ path: GETOA, code, message: `simulated ${code}`, times: 3 });
        const err = await caught(getoa(f.client));
        expect(err).toBeInstanceOf(Cls);
        expect(err).toMatchObject({ code, kind, message: `simulated ${code}`, httpStatus: 200 });
        // -216 was refreshed and replayed first; the hint then names the OA to log in again.
        expect(err.hint).toEqual(code === -216 ? expect.stringContaining('zalo-oa-mcp login --oa shop') : CODE_TABLE[code]!.hint);
      });
    }

    it('gives an unknown code a generic hint and no retry', async () => {
      f.sim.failNext({ path: GETOA, code: -999, message: 'something new' });
      const err = await caught(getoa(f.client));
      expect(err).toBeInstanceOf(ZaloApiError);
      expect(err).toMatchObject({ code: -999, kind: 'unknown', retryable: false });
      expect(err.hint).toMatch(/report the Zalo error code/);
      expect(f.sim.calls(GETOA)).toHaveLength(1);
    });

    it('turns a non-JSON 502 into a retryable ZaloHttpError', async () => {
      f.sim.failNext({ path: GETOA, code: 502, httpStatus: 502, times: 3 });
      const err = await caught(getoa(f.client));
      expect(err).toBeInstanceOf(ZaloHttpError);
      expect(err).toMatchObject({ httpStatus: 502, retryable: true, code: null });
      expect(err.message).toMatch(/HTTP 502 without JSON/);
      expect(f.sim.calls(GETOA)).toHaveLength(3);
    });

    it('turns an unknown path (404 page) into a non-retryable ZaloHttpError', async () => {
      const err = await caught(f.client.request({ api: 'openapi', method: 'GET', path: '/v9.9/oa/nothing' }));
      expect(err).toBeInstanceOf(ZaloHttpError);
      expect(err).toMatchObject({ httpStatus: 404, retryable: false });
      expect(err.message).toMatch(/unknown API path/);
      expect(f.sim.calls('/v9.9/oa/nothing')).toHaveLength(1);
    });

    it('raises ZaloResponseShapeError naming the field when the data does not match the schema', async () => {
      const schema = z.looseObject({ oaid: z.number() });
      const err = await caught(getoa(f.client, { schema }));
      expect(err).toBeInstanceOf(ZaloResponseShapeError);
      expect(err.message).toMatch(/unexpected shape at oaid/);
      expect(err.message).toContain('/v2.0/oa/getoa');
      expect(f.sim.calls(GETOA)).toHaveLength(1); // a shape problem is not retried
    });

    it('passes unknown fields through a looseObject schema', async () => {
      const data = await getoa(f.client, { schema: z.looseObject({ oaid: z.string() }) });
      expect(data.oaid).toBe(f.sim.oa().account.oaId);
      expect(data).toHaveProperty('name', f.sim.oa().profile.name);
    });

    it('returns the whole body when asked', async () => {
      const body = await getoa(f.client, { whole: true });
      expect(body).toMatchObject({ error: 0, message: 'Success', data: { oaid: f.sim.oa().account.oaId } });
    });
  });

  describe('retries', () => {
    it('retries a read at most twice on -32, then gives up', async () => {
      f.sim.rateLimit(5);
      const err = await caught(getoa(f.client));
      expect(err).toBeInstanceOf(ZaloRateLimitError);
      expect(f.sim.calls(GETOA)).toHaveLength(3);
    });

    it('succeeds when a retry gets through', async () => {
      f.sim.failNext({ path: GETOA, code: -32, times: 2 });
      expect((await getoa(f.client)).oaid).toBe(f.sim.oa().account.oaId);
      expect(f.sim.calls(GETOA).map((r) => r.error)).toEqual([-32, -32, 0]);
    });

    it('retries a read on a 5xx page', async () => {
      f.sim.failNext({ path: GETOA, code: 503, httpStatus: 503 });
      await getoa(f.client);
      expect(f.sim.calls(GETOA)).toHaveLength(2);
    });

    it('does not retry a non-retryable code', async () => {
      for (const code of [-201, -213, -211, -209]) {
        f.sim.failNext({ path: GETOA, code });
        await caught(getoa(f.client));
      }
      expect(f.sim.calls(GETOA)).toHaveLength(4);
    });

    it('honours Retry-After', async () => {
      f.sim.failNext({ path: GETOA, code: -32, retryAfterS: 1 });
      const started = Date.now();
      await getoa(f.client);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950); // retryBaseMs is 5: only Retry-After explains the wait
      expect(retryDelays(f.lines)).toEqual([1000]);
      expect(f.sim.calls(GETOA)).toHaveLength(2);
    });

    it('does not sleep through a Retry-After longer than 10 s: the caller gets it back', async () => {
      f.sim.failNext({ path: GETOA, code: -32, retryAfterS: 30 });
      const started = Date.now();
      const err = await caught(getoa(f.client));
      expect(err).toBeInstanceOf(ZaloRateLimitError);
      expect(err.retryAfterS).toBe(30);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(f.sim.calls(GETOA)).toHaveLength(1);
    });

    it('retries at once on Retry-After: 0', async () => {
      f.sim.failNext({ path: GETOA, code: -32, retryAfterS: 0 });
      await getoa(f.client);
      expect(retryDelays(f.lines)).toEqual([0]);
    });

    it('bounds the jitter between half and all of an exponential base', async () => {
      for (const [random, expected] of [[() => 0, [50, 100]], [() => 0.9999, [100, 200]]] as const) {
        const g = await sibling({ client: { retryBaseMs: 100, random } });
        g.sim.rateLimit(2);
        await getoa(g.client);
        expect(retryDelays(g.lines)).toEqual(expected);
      }
    });

    it('never retries a write, whatever the failure', async () => {
      f.sim.failNext({ path: TAG, code: -32 });
      expect(await caught(tagFollower(f.client, userId))).toBeInstanceOf(ZaloRateLimitError);
      f.sim.failNext({ path: TAG, code: 502, httpStatus: 502 });
      expect(await caught(tagFollower(f.client, userId))).toBeInstanceOf(ZaloHttpError);
      expect(f.sim.calls(TAG)).toHaveLength(2);
      expect(f.sim.oa().followers.get(userId)!.tags.has('vip-test')).toBe(false);
    });

    it('never retries an oauth POST marked as a write', async () => {
      const shop = f.config.accounts[0]!;
      f.sim.failNext({ path: '/v4/oa/access_token', code: -32 });
      const err = await caught(f.client.request({
        api: 'oauth', method: 'POST', path: '/v4/oa/access_token', write: true, auth: false,
        headers: { secret_key: shop.appSecret }, form: { app_id: shop.appId, grant_type: 'refresh_token', refresh_token: 'x'.repeat(20) },
      }));
      expect(err).toBeInstanceOf(ZaloRateLimitError);
      expect(f.sim.calls('/v4/oa/access_token')).toHaveLength(1);
    });
  });

  describe('timeouts and cancellation', () => {
    // The simulator logs a request only after its latency, and never one whose client gave up,
    // so attempts are counted from the client's retry log and the elapsed time.
    // Timeouts come from the client options here (ZALO_TIMEOUT_MS starts at 1 s): 250 ms keeps these fast.
    it('raises ZaloTimeoutError when Zalo is slower than the timeout, after two retries of the read', async () => {
      const g = await sibling({ client: { timeoutMs: 250 } });
      f.sim.setLatency(700);
      const started = Date.now();
      const err = await caught(getoa(g.client));
      const elapsed = Date.now() - started;
      expect(err).toBeInstanceOf(ZaloTimeoutError);
      expect(err).toMatchObject({ kind: 'timeout', retryable: true, code: null });
      expect(err.message).toMatch(/within 250 ms/);
      expect(err.cause).toBeInstanceOf(Error); // the undici/abort error underneath, for operators
      expect(retryDelays(g.lines)).toHaveLength(2);
      expect(elapsed).toBeGreaterThanOrEqual(750); // three attempts of 250 ms each
      expect(elapsed).toBeLessThan(2000); // none waited for the 700 ms answer (three would take 2.1 s)
    });

    it('does not retry a write that timed out', async () => {
      const g = await sibling({ client: { timeoutMs: 250 } });
      f.sim.setLatency(700);
      const started = Date.now();
      expect(await caught(tagFollower(g.client, userId))).toBeInstanceOf(ZaloTimeoutError);
      expect(Date.now() - started).toBeLessThan(650);
      expect(retryDelays(g.lines)).toEqual([]);
    });

    it('gives an upload extra time for its bytes on top of the timeout', async () => {
      const g = await sibling({ client: { timeoutMs: 250 } });
      f.sim.setLatency(700);
      // 128 KB at the 128 KB/s floor: 1 s more than the 250 ms answer timeout.
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(128 * 1024 - 8, 7)]);
      const data = await g.client.request<{ attachment_id: string }>({
        api: 'openapi', method: 'POST', path: '/v2.0/oa/upload/image',
        multipart: { field: 'file', filename: 'photo.png', contentType: 'image/png', bytes: png },
      });
      expect(data.attachment_id).toBeTruthy();
      // A plain call with the same latency still times out.
      expect(await caught(tagFollower(g.client, userId))).toBeInstanceOf(ZaloTimeoutError);
    });

    it('keeps the network failure as the cause of ZaloNetworkError', async () => {
      const g = await sibling({ client: { timeoutMs: 250, maxRetries: 0 } });
      const dead = new ZaloClient({ ...g.config, urls: { ...g.config.urls, openapi: 'http://127.0.0.1:9' } }, { retryBaseMs: 5, maxRetries: 0 });
      const err = await caught(getoa(dead));
      expect(err).toBeInstanceOf(ZaloNetworkError);
      expect((err.cause as { code?: string }).code).toBe('ECONNREFUSED');
    });

    it('stops at once when the caller aborts', async () => {
      f.sim.setLatency(2000);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      const err = await caught(getoa(f.client, { signal: controller.signal }));
      expect(err).toBeInstanceOf(ZaloError);
      expect(err.message).toMatch(/cancelled/);
      expect(err.retryable).toBe(false);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('does not wait out a retry delay after an abort', async () => {
      f.sim.failNext({ path: GETOA, code: -32, retryAfterS: 5 });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const err = await caught(getoa(f.client, { signal: controller.signal }));
      expect(err.message).toMatch(/cancelled/);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(f.sim.calls(GETOA)).toHaveLength(1);
    });
  });

  describe('dry run', () => {
    it('stops a write with the exact request and sends nothing, not even a token refresh', async () => {
      const dry = new ZaloClient({ ...f.config, dryRun: true }, { retryBaseMs: 5 });
      const err = await caught(tagFollower(dry, userId));
      expect(err).toBeInstanceOf(DryRunStop);
      expect((err as unknown as DryRunStop).request).toEqual({
        oa: 'shop', method: 'POST', url: `${f.sim.origin}/openapi${TAG}`, body: { user_id: userId, tag_name: 'vip-test' }, file: undefined,
      });
      expect(f.sim.requests).toHaveLength(0);
    });

    it('still performs reads', async () => {
      const dry = new ZaloClient({ ...f.config, dryRun: true }, { retryBaseMs: 5 });
      await getoa(dry);
      expect(f.sim.calls(GETOA)).toHaveLength(1);
    });
  });

  describe('redaction', () => {
    it('never shows the current access token or the app secret in an error message', async () => {
      const token = String(f.sim.state.accessTokens.keys().next().value);
      const secret = f.config.accounts[0]!.appSecret;
      f.sim.failNext({ path: GETOA, code: -201, message: `bad token ${token} for app secret ${secret}` });
      const err = await caught(getoa(f.client));
      expect(err.message).toBe(`bad token ${REDACTED} for app secret ${REDACTED}`);
      expect(JSON.stringify(f.lines)).not.toContain(token);
    });

    it('redacts token-looking values it has never seen', async () => {
      f.sim.failNext({ path: GETOA, code: -201, message: 'rejected access_token=abcdefghijkl1234 and refresh_token: "zyxwvut98765"' });
      const err = await caught(getoa(f.client));
      expect(err.message).not.toMatch(/abcdefghijkl1234|zyxwvut98765/);
      expect(err.message).toContain(REDACTED);
    });

    it('keeps tokens and the secret out of every log line of a refresh and replay', async () => {
      f.sim.expireTokens();
      await getoa(f.client);
      const tokens = f.sim.requests.flatMap((r) => [r.headers['access_token'], r.body.refresh_token, r.headers['secret_key']]).filter(Boolean);
      expect(tokens.length).toBeGreaterThan(3);
      const log = f.lines.join('\n');
      expect(log).toContain('access token rejected');
      for (const t of tokens) expect(log).not.toContain(String(t));
    });
  });
});

describe('ZaloClient.url', () => {
  const base = loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: '/tmp/unused-tokens.json' }, dotenvPath: null });
  const config: Config = { ...base, urls: { openapi: 'https://gw.example.com/zalo/openapi', oauth: 'https://gw.example.com/zalo/oauth', zns: 'https://gw.example.com/zns' } };
  const client = new ZaloClient(config);

  it('appends the path to a base that carries a prefix, never resolving against the root', () => {
    expect(client.url({ api: 'openapi', path: '/v3.0/oa/user/detail' })).toBe('https://gw.example.com/zalo/openapi/v3.0/oa/user/detail');
    expect(client.url({ api: 'oauth', path: '/v4/oa/access_token' })).toBe('https://gw.example.com/zalo/oauth/v4/oa/access_token');
    expect(client.url({ api: 'zns', path: '/message/template' })).toBe('https://gw.example.com/zns/message/template');
  });

  it('encodes query parameters and Zalo\'s JSON data parameter', () => {
    const url = new URL(client.url({ api: 'openapi', path: '/v3.0/oa/user/getlist', data: { offset: 0, count: 50, tag_name: 'khách VIP' }, query: { a: 1, skip: undefined } }));
    expect(url.pathname).toBe('/zalo/openapi/v3.0/oa/user/getlist');
    expect(JSON.parse(url.searchParams.get('data')!)).toEqual({ offset: 0, count: 50, tag_name: 'khách VIP' });
    expect(url.searchParams.get('a')).toBe('1');
    expect(url.searchParams.has('skip')).toBe(false);
  });

  it('sends each request under the prefix of its family, from the origin and prefix parsed once per base', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen: string[] = [];
    const ok = JSON.stringify({ error: 0, message: 'Success', data: { oa_id: '1' } });
    const gw = agent.get('https://gw.example.com');
    gw.intercept({ path: () => true, method: 'GET' }).reply(200, (opts) => (seen.push(opts.path), ok)).times(3);
    const c = new ZaloClient({ ...config, accounts: config.accounts.map((a) => ({ ...a, accessToken: 'prefix-test-access-token' })) }, { dispatcher: agent });
    await getoa(c);
    await getoa(c); // the cached base: same origin and prefix
    await c.request({ api: 'zns', method: 'GET', path: '/template/all', query: { offset: 0, limit: 10 }, whole: true });
    expect(seen).toEqual(['/zalo/openapi/v2.0/oa/getoa', '/zalo/openapi/v2.0/oa/getoa', '/zns/template/all?offset=0&limit=10']);
  });

  it('strips a trailing slash from a configured base URL', () => {
    const c = loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: '/tmp/unused-tokens.json', ZALO_OPENAPI_URL: 'https://gw.example.com/zalo/openapi/' }, dotenvPath: null });
    expect(new ZaloClient(c).url({ api: 'openapi', path: '/v2.0/oa/getoa' })).toBe('https://gw.example.com/zalo/openapi/v2.0/oa/getoa');
  });
});

/**
 * Envelopes the simulator never produces (it always answers well-formed ones), so these few
 * answers come from undici's MockAgent at the transport level; the client itself is real.
 */
describe('ZaloClient with odd envelopes', () => {
  const config = loadConfig({
    env: {
      ZALO_APP_ID: '3017450163290040611', ZALO_APP_SECRET: 'odd-envelope-app-secret', ZALO_ACCESS_TOKEN: 'odd-envelope-access-token',
      ZALO_TOKEN_FILE: join(tempDir('zalo-odd-'), 'tokens.json'),
    },
    dotenvPath: null,
  });
  const answer = (body: unknown, method: 'GET' | 'POST' = 'GET', path = '/v2.0/oa/getoa') => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://openapi.zalo.me').intercept({ path, method }).reply(200, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    return new ZaloClient(config, { dispatcher: agent, retryBaseMs: 5 });
  };

  it('treats a non-zero error with a null or object message as a failure', async () => {
    const err = await caught(getoa(answer({ error: -201, message: null })));
    expect(err).toBeInstanceOf(ZaloInvalidRequestError);
    expect(err.message).toBe('Zalo error -201');
    const write = answer({ error: -213, message: { detail: 'not a follower' } }, 'POST', TAG);
    expect(await caught(tagFollower(write, '123'))).toBeInstanceOf(ZaloRecipientError);
  });

  it('reads a numeric-string error code', async () => {
    const err = await caught(getoa(answer({ error: '-213', message: 'User has not followed OA' })));
    expect(err).toBeInstanceOf(ZaloRecipientError);
    expect(err.code).toBe(-213);
  });

  it('accepts error "0" as success', async () => {
    expect(await getoa(answer({ error: '0', message: 'Success', data: { oa_id: '1' } }))).toEqual({ oa_id: '1' });
  });

  it('keeps a refreshed pair whose expires_in is missing, assuming an hour', async () => {
    const tokenFile = join(tempDir('zalo-odd-'), 'tokens.json');
    const c = loadConfig({ env: { ZALO_APP_ID: '3017450163290040611', ZALO_APP_SECRET: 'odd-envelope-app-secret', ZALO_REFRESH_TOKEN: 'odd-envelope-refresh-1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null });
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://oauth.zaloapp.com').intercept({ path: '/v4/oa/access_token', method: 'POST' })
      .reply(200, JSON.stringify({ access_token: 'odd-envelope-access-2', refresh_token: 'odd-envelope-refresh-2' }));
    let seen: unknown;
    agent.get('https://openapi.zalo.me').intercept({ path: '/v2.0/oa/getoa', method: 'GET' })
      .reply(200, (opts) => {
        seen = (opts.headers as Record<string, string>)['access_token'];
        return JSON.stringify({ error: 0, message: 'Success', data: { oa_id: '1' } });
      });
    const client = new ZaloClient(c, { dispatcher: agent, retryBaseMs: 5 });
    await getoa(client);
    expect(seen).toBe('odd-envelope-access-2');
    const stored = (await client.store.load('default'))!;
    expect(stored.refresh_token).toBe('odd-envelope-refresh-2');
    expect(stored.access_expires_at - Date.now()).toBeGreaterThan(3500_000);
    expect(stored.access_expires_at - Date.now()).toBeLessThanOrEqual(3600_000);
  });
});
