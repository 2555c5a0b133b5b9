import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { postEvent, SECRET, SHOP, startWebhook, userText, type WebhookContext } from './helpers.js';

describe('webhook receiver: signature, time window, dedupe', () => {
  let ctx: WebhookContext;
  beforeEach(async () => {
    ctx = await startWebhook();
  });
  afterEach(async () => {
    await ctx.close();
  });
  const stored = async () => (await (await ctx.store()).listEvents({ oa: 'shop', offset: 0, count: 100 })).items;

  it('stores an event signed with the OA secret key and says which scheme matched, never the key', async () => {
    const event = userText('Chào shop');
    const res = await postEvent(ctx.url, event);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const rows = await stored();
    expect(rows.map((r) => [r.eventName, r.userId, r.raw])).toEqual([['user_send_text', '1400000000000000001', JSON.stringify(event)]]);
    expect(ctx.logs.join('\n')).toContain('webhook signature verified with app_id + OA secret key (ZALO_WEBHOOK_SECRET)');
    expect(ctx.logs.join('\n')).not.toContain(SECRET);
  });

  it('also accepts the app secret as key and the oa_id as first term, and logs that', async () => {
    expect((await postEvent(ctx.url, userText('a'), { key: SHOP.appSecret })).status).toBe(200);
    expect((await postEvent(ctx.url, userText('b'), { first: SHOP.oaId })).status).toBe(200);
    const log = ctx.logs.join('\n');
    expect(log).toContain('verified with app_id + app secret of OA "shop"');
    expect(log).toContain('verified with oa_id + OA secret key');
    expect(log).not.toContain(SHOP.appSecret);
    expect(await stored()).toHaveLength(2);
  });

  it('refuses a wrong key, a tampered body, a malformed or missing signature with 401 and stores nothing', async () => {
    const event = userText('x');
    expect((await postEvent(ctx.url, event, { key: 'another-oa-secret-key-000' })).status).toBe(401);
    expect((await postEvent(ctx.url, event, { key: SANDBOX_ACCOUNTS[1]!.appSecret + 'x' })).status).toBe(401);
    const good = await postEvent(ctx.url, event, { signature: 'mac=00' });
    expect(good.status).toBe(401);
    const raw = JSON.stringify(event);
    const { signWebhook } = await import('../../src/http/webhook-verify.js');
    const tampered = await fetch(ctx.url, {
      method: 'POST',
      headers: { 'x-zevent-signature': signWebhook(SHOP.appId, raw, String(event.timestamp), SECRET) },
      body: raw.replace('"x"', '"y"'),
    });
    expect(tampered.status).toBe(401);
    expect((await fetch(ctx.url, { method: 'POST', body: raw })).status).toBe(401);
    expect(await stored()).toEqual([]);
    expect(ctx.logs.join('\n')).toContain('signature does not match');
  });

  it('stores a replayed or retried delivery once (msg_id, and event+timestamp+subject without one)', async () => {
    const text = userText('once');
    const follow = { app_id: SHOP.appId, oa_id: SHOP.oaId, event_name: 'follow', timestamp: String(Date.now()), source: 'oa_profile', follower: { id: '1400000000000000002' } };
    for (const headers of [{}, { num_retry: '1' }, { num_retry: '2' }] as Array<Record<string, string>>) {
      expect((await postEvent(ctx.url, text, { headers })).status).toBe(200);
      expect((await postEvent(ctx.url, follow, { headers })).status).toBe(200);
    }
    const dup = await postEvent(ctx.url, text);
    expect(await dup.json()).toEqual({ ok: true, duplicate: true });
    expect((await stored()).map((e) => e.eventName).sort()).toEqual(['follow', 'user_send_text']);
    // A different follow of the same user at another time is another event.
    expect((await postEvent(ctx.url, { ...follow, timestamp: String(Date.now() + 1) })).status).toBe(200);
    expect(await stored()).toHaveLength(3);
  });

  it('refuses a timestamp more than 5 minutes off, unless Zalo says it is a retry that waited that long', async () => {
    const stale = userText('old', { timestamp: String(Date.now() - 6 * 60_000) });
    expect((await postEvent(ctx.url, stale)).status).toBe(401);
    expect((await postEvent(ctx.url, userText('future', { timestamp: String(Date.now() + 6 * 60_000) }))).status).toBe(401);
    // num_retry=3 comes after 30 s + 5 min + 15 min of waiting.
    const retried = userText('retried', { timestamp: String(Date.now() - 20 * 60_000) });
    expect((await postEvent(ctx.url, retried, { headers: { num_retry: '1' } })).status).toBe(401);
    expect((await postEvent(ctx.url, retried, { headers: { num_retry: '3' } })).status).toBe(200);
    expect((await stored()).map((e) => JSON.parse(e.raw).message.text)).toEqual(['retried']);
  });

  it('answers 413 to a body over the limit, 400 to a body that is not JSON, 405 to GET', async () => {
    const big = userText('x'.repeat(300 * 1024));
    expect((await postEvent(ctx.url, big)).status).toBe(413);
    expect((await fetch(ctx.url, { method: 'POST', body: 'not json', headers: { 'x-zevent-signature': 'mac=' } })).status).toBe(400);
    expect((await fetch(ctx.url)).status).toBe(405);
  });
});

describe('webhook receiver under load', () => {
  it('stores 2,000 events exactly once each when a quarter arrive twice, concurrently', async () => {
    const ctx = await startWebhook();
    try {
      const events = Array.from({ length: 2000 }, (_, i) =>
        i % 4 === 3
          ? { app_id: SHOP.appId, oa_id: SHOP.oaId, event_name: 'follow', timestamp: String(Date.now()), follower: { id: `14${String(i).padStart(17, '0')}` } }
          : userText(`load ${i}`, { sender: { id: `15${String(i % 97).padStart(17, '0')}` } }));
      const sends = [...events, ...events.filter((_, i) => i % 4 === 1)];
      sends.sort(() => Math.random() - 0.5);
      let next = 0;
      // 100 senders at once, retrying a 503 like Zalo does (here after 10 ms, not 30 s).
      await Promise.all(Array.from({ length: 100 }, async () => {
        while (next < sends.length) {
          const e = sends[next++]!;
          for (;;) {
            const res = await postEvent(ctx.url, e);
            await res.arrayBuffer();
            if (res.status === 503) {
              await new Promise((r) => setTimeout(r, 10));
              continue;
            }
            expect(res.status).toBe(200);
            break;
          }
        }
      }));
      const store = await ctx.store();
      const all = await store.listEvents({ oa: 'shop', offset: 0, count: 5000 });
      expect(all.total).toBe(2000);
      expect(new Set(all.items.map((e) => e.dedupeKey)).size).toBe(2000);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
