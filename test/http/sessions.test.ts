/**
 * HTTP under abuse: named bearer tokens with each session bound to the token that opened it,
 * session caps per token and in total with eviction of the idlest (never of a busy session), and
 * a per-call cost that does not grow with idle sessions (one log router instead of one sink per
 * session on the logger).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { bearer, connectClient, initialize, messages, post, startHttp, TOKEN, type HttpContext } from './helpers.js';
import { disposable } from '../tmp.js';

const ALICE = 'alice-token-0123456789abcdef';
const BOB = 'bob-token-0123456789abcdefgh';
const CAROL = 'carol-token-0123456789abcdef';
const TOKENS = `alice:${ALICE}, bob:${BOB},carol:${CAROL}`;

const open = async (t: HttpContext, token: string) => {
  const res = await post(t.url, initialize(), bearer(token));
  expect(res.status).toBe(200);
  return res.headers.get('mcp-session-id')!;
};
const list = (t: HttpContext, token: string, sid: string) =>
  post(t.url, { jsonrpc: '2.0', id: 9, method: 'tools/list' }, { ...bearer(token), 'mcp-session-id': sid });
const alive = async (t: HttpContext, token: string, sid: string) => (await list(t, token, sid)).status === 200;

describe('HTTP: named bearer tokens', () => {
  let t: HttpContext;
  afterEach(async () => {
    await t.close();
  });

  it('accepts every named token and the single ZALO_MCP_HTTP_TOKEN; another token on a session gets 404', async () => {
    t = await startHttp({ env: { ZALO_MCP_HTTP_TOKENS: TOKENS } });
    const a = await open(t, ALICE);
    const d = await open(t, TOKEN);
    expect(await alive(t, ALICE, a)).toBe(true);
    expect(await alive(t, TOKEN, d)).toBe(true);
    const stolen = await list(t, BOB, a);
    expect(stolen.status).toBe(404);
    expect(await stolen.text()).toContain('Session not found');
    expect((await list(t, TOKEN, a)).status).toBe(404);
    expect((await list(t, 'not-a-token-0123456789', a)).status).toBe(401);
    // The owner's session is untouched by the attempts.
    expect(await alive(t, ALICE, a)).toBe(true);
  });

  it('a real SDK client works with a named token', async () => {
    t = await startHttp({ env: { ZALO_MCP_HTTP_TOKENS: TOKENS, ZALO_MCP_HTTP_TOKEN: '' } });
    const { client, transport } = await connectClient(t.url, CAROL);
    try {
      const r = await client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(r.isError).toBeFalsy();
      await transport.terminateSession();
    } finally {
      await client.close();
    }
  });

  it('refuses malformed ZALO_MCP_HTTP_TOKENS with one line that repeats no token', () => {
    const bad = [`alice${ALICE}`, `alice:short`, `alice:${ALICE},alice:${BOB}`, `alice:${ALICE},bob:${ALICE}`, `a lice:${ALICE}`];
    for (const value of bad) {
      const err = (() => {
        try {
          loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_MCP_HTTP_TOKENS: value }, dotenvPath: null });
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      expect(err, value).toBeInstanceOf(ConfigError);
      expect(err!.message).toMatch(/^ZALO_MCP_HTTP_TOKENS /);
      expect(err!.message).not.toContain(ALICE);
      expect(err!.message).not.toContain(BOB);
      expect(err!.message).not.toContain('short');
    }
    expect(disposable(loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_MCP_HTTP_TOKENS: TOKENS }, dotenvPath: null })).httpTokens.map((x) => x.name)).toEqual(['alice', 'bob', 'carol']);
  });
});

describe('HTTP: session caps', () => {
  let t: HttpContext;
  afterEach(async () => {
    await t.close();
  });

  it('a token over its cap evicts its own idlest session, never another token\'s', async () => {
    t = await startHttp({ env: { ZALO_MCP_HTTP_TOKENS: TOKENS }, maxSessionsPerToken: 2 });
    const b = await open(t, BOB);
    const a1 = await open(t, ALICE);
    const a2 = await open(t, ALICE);
    expect(await alive(t, ALICE, a1)).toBe(true); // a1 is now more recent than a2
    for (let i = 0; i < 5; i++) await open(t, ALICE); // a flood from alice
    expect(t.http.sessionCount()).toBe(3);
    expect(await alive(t, BOB, b)).toBe(true);
    expect(await alive(t, ALICE, a2)).toBe(false);
    expect(await alive(t, ALICE, a1)).toBe(false);
  });

  it('at the total cap a new session evicts the idlest session of the token holding the most', async () => {
    t = await startHttp({ env: { ZALO_MCP_HTTP_TOKENS: TOKENS }, maxSessions: 3, maxSessionsPerToken: 10 });
    const b = await open(t, BOB);
    const a1 = await open(t, ALICE);
    const a2 = await open(t, ALICE);
    const c = await open(t, CAROL); // full: alice holds the most, a1 is her idlest
    expect(t.http.sessionCount()).toBe(3);
    expect(await alive(t, ALICE, a1)).toBe(false);
    expect(await alive(t, ALICE, a2)).toBe(true);
    expect(await alive(t, BOB, b)).toBe(true);
    expect(await alive(t, CAROL, c)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.liveSinks()).toBe(3);
  });

  it('a session answering a call is never evicted; when all are busy a new client gets 503', async () => {
    t = await startHttp({ maxSessions: 1 });
    const { client } = await connectClient(t.url);
    try {
      t.runtime.sandbox!.setLatency(800);
      const slow = client.callTool({ name: 'oa_get_profile', arguments: {} });
      await new Promise((r) => setTimeout(r, 200));
      const refused = await post(t.url, initialize(), bearer());
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect((await slow).isError).toBeFalsy();
      t.runtime.sandbox!.setLatency(0);
      expect((await post(t.url, initialize(), bearer())).status).toBe(200);
    } finally {
      await client.close();
    }
  });
});

describe('HTTP: per-call cost does not grow with idle sessions', () => {
  /** A logger that counts how many sink calls each log line causes. */
  function countingLogger(): { log: Logger; calls: () => number } {
    const base = createLogger('debug', () => undefined);
    let calls = 0;
    return {
      calls: () => calls,
      log: { ...base, addSink: (sink) => base.addSink((...a) => { calls++; sink(...a); }) },
    };
  }

  it('one tools/call costs the same number of sink calls with 0 and with 60 idle sessions', async () => {
    const counter = countingLogger();
    const t = await startHttp({ log: counter.log });
    try {
      const sid = await open(t, TOKEN);
      const call = async () => {
        const before = counter.calls();
        const res = await post(t.url, { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }, { ...bearer(), 'mcp-session-id': sid });
        expect((await messages(res)).find((m) => m.id === 5).result.isError).toBeFalsy();
        return counter.calls() - before;
      };
      await call(); // first call refreshes the token: not comparable
      const alone = await call();
      expect(alone).toBeGreaterThan(0); // debug lines do flow through the router
      for (let i = 0; i < 60; i++) await open(t, TOKEN);
      expect(t.http.sessionCount()).toBe(61);
      expect(await call()).toBe(alone);
    } finally {
      await t.close();
    }
  });
});
