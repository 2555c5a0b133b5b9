/** The HTTP guard matrix over real HTTP: token, Origin, Host, body size, health, sessions. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startHttpServer } from '../../src/http/server.js';
import { bearer, connectClient, initialize, messages, post, startHttp, TOKEN, type HttpContext } from './helpers.js';

describe('HTTP transport: auth and Origin matrix', () => {
  let t: HttpContext;
  beforeAll(async () => {
    t = await startHttp({ env: { ZALO_MCP_ALLOWED_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a request without a token with 401, WWW-Authenticate and a minimal body', async () => {
    const res = await post(t.url, initialize());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="zalo-oa-mcp"');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized' }, id: null });
    expect(text).not.toContain(TOKEN);
  });

  it('refuses a wrong token (also one that shares the prefix) and a non-Bearer scheme', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer nope', `Basic ${TOKEN}`, TOKEN]) {
      const res = await post(t.url, initialize(), { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('accepts the right token and opens a session', async () => {
    const res = await post(t.url, initialize(), bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/);
    const [msg] = await messages(res);
    expect(msg.result.serverInfo.name).toBe('zalo-oa-mcp');
    expect(msg.result.capabilities).toMatchObject({ logging: {}, prompts: {}, completions: {} });
  });

  it('refuses a foreign Origin with 403 even with the right token, and says nothing about the token', async () => {
    const res = await post(t.url, initialize(), { ...bearer(), origin: 'https://evil.example.com' });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect((await res.json()).error.message).toBe('Forbidden: Origin not allowed');
    expect((await post(t.url, initialize(), { origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await post(t.url, initialize(), { ...bearer(), origin: 'null' })).status).toBe(403);
  });

  it('accepts an allowlisted Origin and, bound to loopback, a loopback Origin', async () => {
    expect((await post(t.url, initialize(), { ...bearer(), origin: 'https://app.example.com' })).status).toBe(200);
    expect((await post(t.url, initialize(), { ...bearer(), origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await post(t.url, initialize(), { ...bearer(), origin: 'http://127.0.0.1:6274' })).status).toBe(200);
  });

  it('refuses a non-loopback Host header while bound to loopback (DNS rebinding)', async () => {
    const { port } = new URL(t.url);
    const status = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify(initialize());
      const req = request(
        { host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { host: 'evil.example.com', 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...bearer() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(403);
  });

  it('answers 413 to a body over the limit, before any parsing', async () => {
    const big = JSON.stringify({ ...initialize(), pad: 'x'.repeat(8 * 1024 * 1024 + 10) });
    const res = await post(t.url, big, bearer());
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/too large/);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await post(t.url, '{not json', bearer());
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe(-32700);
  });

  it('serves /healthz without auth, with nothing but ok', async () => {
    const res = await fetch(new URL('/healthz', t.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetch(new URL('/other', t.url))).status).toBe(404);
  });

  it('rejects an unknown session id with 404 and a request without session with 400', async () => {
    const unknown = await post(t.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { ...bearer(), 'mcp-session-id': '00000000-0000-0000-0000-000000000000' });
    expect(unknown.status).toBe(404);
    const none = await post(t.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, bearer());
    expect(none.status).toBe(400);
  });

  it('keeps no server alive for an initialize the transport refused (e.g. 406), nor for a closed session', async () => {
    const before = t.liveSinks();
    for (let i = 0; i < 3; i++) {
      const res = await post(t.url, initialize(), { ...bearer(), accept: 'application/json' });
      expect(res.status).toBe(406);
    }
    expect(t.liveSinks()).toBe(before);
    const { client, transport } = await connectClient(t.url);
    expect(t.liveSinks()).toBe(before + 1);
    await transport.terminateSession();
    await client.close();
    await vi.waitFor(() => expect(t.liveSinks()).toBe(before));
  });

  it('serves a real SDK client over a session: tools/list and a tools call reaching the simulator', async () => {
    const { client, transport } = await connectClient(t.url);
    try {
      expect(transport.sessionId).toBeTruthy();
      const { tools } = await client.listTools();
      expect(tools.map((x) => x.name)).toContain('oa_get_profile');
      const r = await client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ oa_id: t.runtime.sandbox!.oa().profile.oa_id, name: t.runtime.sandbox!.oa().profile.name });
      expect(t.http.sessionCount()).toBeGreaterThan(0);
      await transport.terminateSession();
    } finally {
      await client.close();
    }
  });
});

describe('HTTP transport: start-up rules', () => {
  it('refuses a non-loopback host without ZALO_MCP_HTTP_TOKEN with one line naming the variable', async () => {
    const t = await startHttp({ env: { ZALO_MCP_HTTP_TOKEN: '' } });
    try {
      const err = await startHttpServer(t.runtime, { host: '0.0.0.0', port: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/^ZALO_MCP_HTTP_TOKEN is missing: .*0\.0\.0\.0/);
      expect((err as Error).message).not.toContain('\n');
    } finally {
      await t.close();
    }
  });

  it('on loopback without a token, serves requests without Authorization', async () => {
    const t = await startHttp({ env: { ZALO_MCP_HTTP_TOKEN: '' } });
    try {
      const res = await post(t.url, initialize());
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('HTTP transport: session limits', () => {
  it('closes idle sessions (their id then answers 404); at the cap a new session evicts the idlest', async () => {
    const t = await startHttp({ sessionIdleMs: 1000, maxSessions: 1 });
    try {
      const first = await post(t.url, initialize(), bearer());
      const sid = first.headers.get('mcp-session-id')!;
      expect(t.http.sessionCount()).toBe(1);
      const second = await post(t.url, initialize(), bearer());
      expect(second.status).toBe(200);
      expect(t.http.sessionCount()).toBe(1);
      const evicted = await post(t.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { ...bearer(), 'mcp-session-id': sid });
      expect(evicted.status).toBe(404);
      await vi.waitFor(() => expect(t.http.sessionCount()).toBe(0), { timeout: 6000, interval: 50 });
      expect(t.liveSinks()).toBe(0);
      const stale = await post(t.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { ...bearer(), 'mcp-session-id': second.headers.get('mcp-session-id')! });
      expect(stale.status).toBe(404);
      expect((await post(t.url, initialize(), bearer())).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('HTTP transport: stateless mode', () => {
  let t: HttpContext;
  beforeAll(async () => {
    t = await startHttp({ stateless: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers initialize, tools/list and tools/call without any session', async () => {
    const init = await post(t.url, initialize(), bearer());
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    expect((await messages(init))[0].result.serverInfo.name).toBe('zalo-oa-mcp');

    const list = await post(t.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, bearer());
    expect(list.status).toBe(200);
    const tools = (await messages(list)).find((m) => m.id === 2).result.tools as Array<{ name: string }>;
    expect(tools.map((x) => x.name)).toContain('followers_list');

    const call = await post(t.url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }, bearer());
    const result = (await messages(call)).find((m) => m.id === 3).result;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.oa_id).toBe(t.runtime.sandbox!.oa().profile.oa_id);
    expect(t.http.sessionCount()).toBe(0);
  });

  it('still requires the token and refuses GET', async () => {
    expect((await post(t.url, initialize())).status).toBe(401);
    const get = await fetch(t.url, { headers: { ...bearer(), accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
  });

  it('serves the SDK client too', async () => {
    const { client } = await connectClient(t.url);
    try {
      const r = await client.callTool({ name: 'tags_list', arguments: {} });
      expect(r.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});
