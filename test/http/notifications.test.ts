/** MCP features over real HTTP: logging/setLevel, per-session log routing, progress, cancellation. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallToolResultSchema, LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../harness.js';
import { files } from '../uploads/fixtures.js';
import { connectClient, startHttp, TOKEN, type HttpContext } from './helpers.js';

describe('HTTP transport: logging, progress, cancellation', () => {
  let t: HttpContext;
  beforeAll(async () => {
    t = await startHttp();
  });
  afterAll(async () => {
    await t.close();
  });

  const collect = (client: Awaited<ReturnType<typeof connectClient>>['client']) => {
    const seen: LoggingMessageNotification['params'][] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      seen.push(n.params);
    });
    return seen;
  };

  it('sends debug lines only after logging/setLevel debug, to the calling session only, with secrets redacted', async () => {
    const a = await connectClient(t.url);
    const b = await connectClient(t.url);
    try {
      const seenA = collect(a.client);
      const seenB = collect(b.client);
      await a.client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(seenA.filter((m) => m.level === 'debug')).toEqual([]); // default level: info

      await a.client.setLoggingLevel('debug');
      await b.client.setLoggingLevel('debug');
      await a.client.callTool({ name: 'followers_get_profile', arguments: { user_id: [...t.runtime.sandbox!.oa().followers.keys()][0]! } });
      const lines = seenA.map((m) => JSON.stringify(m));
      expect(lines.some((l) => l.includes('tool followers_get_profile'))).toBe(true);
      expect(lines.some((l) => l.includes('zalo call'))).toBe(true);
      expect(seenB).toEqual([]); // B made no call: A's lines never reach it

      // A secret that does reach a log line (here: pasted into a tool argument) is redacted on the way out.
      const access = await t.runtime.client.tokenManager('shop').accessToken();
      await a.client.callTool({ name: 'followers_list', arguments: { tag: access } });
      const tagLine = seenA.map((m) => JSON.stringify(m)).find((l) => l.includes('tool followers_list'));
      expect(tagLine).toContain('"tag":"[REDACTED]"');

      const all = seenA.map((m) => JSON.stringify(m)).join('\n');
      const secrets = [t.runtime.config.accounts[0]!.appSecret, TOKEN, ...t.runtime.sandbox!.state.accessTokens.keys()];
      for (const s of secrets) expect(all).not.toContain(s);

      await a.client.setLoggingLevel('error');
      const before = seenA.length;
      await a.client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(seenA.length).toBe(before);
    } finally {
      await a.client.close();
      await b.client.close();
    }
  });

  it('sends notifications/progress for a tool that reports progress when the client sends a token', async () => {
    const { client } = await connectClient(t.url);
    try {
      const progress: Array<{ progress: number; total?: number; message?: string }> = [];
      const r = await client.callTool(
        { name: 'media_upload_image', arguments: { base64: files.png(2048).toString('base64'), filename: 'p.png' } },
        CallToolResultSchema,
        { onprogress: (p) => progress.push(p) },
      );
      expect(r.isError).toBeFalsy();
      expect(progress.at(-1)).toMatchObject({ progress: 2048, total: 2048, message: 'uploading p.png to Zalo' });
    } finally {
      await client.close();
    }
  });

  it('cancellation aborts the in-flight Zalo request: the upstream connection closes at once', async () => {
    // A "Zalo" that accepts the request and never answers; ZALO_TIMEOUT_MS (15 s) would end it otherwise.
    const seen: Array<{ path: string; openMs?: number }> = [];
    const upstream = createServer((req) => {
      const started = Date.now();
      const entry: { path: string; openMs?: number } = { path: req.url ?? '' };
      seen.push(entry);
      req.socket.on('close', () => {
        entry.openMs = Date.now() - started;
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const slow = await startHttp({ override: (c) => ({ ...c, urls: { ...c.urls, openapi: base } }) });
    const { client } = await connectClient(slow.url);
    try {
      const controller = new AbortController();
      const pending = client.callTool({ name: 'oa_get_profile', arguments: {} }, CallToolResultSchema, { signal: controller.signal });
      await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 2000, interval: 10 });
      controller.abort('user cancelled');
      await expect(pending).rejects.toThrow();
      // The server got notifications/cancelled and aborted the undici request: the socket closes.
      await vi.waitFor(() => expect(seen[0]!.openMs).toBeDefined(), { timeout: 2000, interval: 10 });
      expect(seen[0]!.path).toBe('/v2.0/oa/getoa');
      expect(seen).toHaveLength(1); // a cancelled read is not retried
      // The session is still usable.
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await client.close();
      await slow.close();
      upstream.closeAllConnections();
      await new Promise<void>((r) => upstream.close(() => r()));
    }
  });
});

describe('log forwarding', () => {
  it('sends error lines without their stack trace (that stays on stderr)', async () => {
    const h = await createTestContext();
    try {
      const seen: LoggingMessageNotification['params'][] = [];
      h.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        seen.push(n.params);
      });
      h.runtime.log.error('internal error in some_tool', { error: new Error('boom').stack, oa: 'shop' });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]).toEqual({ level: 'error', logger: 'zalo-oa-mcp', data: { message: 'internal error in some_tool', error: 'Error: boom', oa: 'shop' } });
    } finally {
      await h.close();
    }
  });
});
