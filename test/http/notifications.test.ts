/** MCP features over real HTTP: logging/setLevel, per-session log routing, progress, cancellation. */
import { CallToolResultSchema, LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

      const secrets = [t.runtime.config.accounts[0]!.appSecret, TOKEN, ...t.runtime.sandbox!.state.accessTokens.keys()];
      for (const s of secrets) expect(lines.join('\n')).not.toContain(s);

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

  it('cancels a slow call when the client aborts, and the session stays usable', async () => {
    const { client } = await connectClient(t.url);
    const sim = t.runtime.sandbox!;
    try {
      sim.setLatency(3000);
      const controller = new AbortController();
      const started = Date.now();
      const pending = client.callTool({ name: 'oa_get_profile', arguments: {} }, CallToolResultSchema, { signal: controller.signal });
      setTimeout(() => controller.abort('user cancelled'), 150);
      await expect(pending).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
      sim.setLatency(0);
      const r = await client.callTool({ name: 'oa_get_profile', arguments: {} });
      expect(r.isError).toBeFalsy();
    } finally {
      sim.setLatency(0);
      await client.close();
    }
  });
});
