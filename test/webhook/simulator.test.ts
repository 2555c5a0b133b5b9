/**
 * `--sandbox --http`: simulated users write, follow, unfollow, submit info and receive templates;
 * the simulator posts Zalo-signed webhooks to the server's own /webhook, and the tools see them.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireSandboxWebhooks } from '../../src/cli/serve.js';
import { connectClient, startHttp, type HttpContext } from '../http/helpers.js';
import { postEvent, userText } from './helpers.js';

describe('simulator webhooks in --sandbox --http', () => {
  let h: HttpContext;
  let client: Client;
  beforeAll(async () => {
    h = await startHttp();
    wireSandboxWebhooks(h.runtime, h.http);
    ({ client } = await connectClient(h.url));
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });
  const sim = () => h.runtime.sandbox!;
  const ok = async (name: string, args: Record<string, unknown> = {}) => {
    const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
    if (r.isError) throw new Error((r.content[0] as { text: string }).text);
    return r.structuredContent as Record<string, any>;
  };
  const user = (i: number) => [...sim().oa().followers.values()][i]!;

  it('posts to the server\'s own /webhook, signed so that it is accepted', async () => {
    expect(sim().webhooks.url).toBe(h.url.replace(/\/mcp$/, '/webhook'));
    const u = user(0);
    await sim().webhooks.userSends(sim().oa(), u.user_id, 'Shop ơi còn hàng không?');
    expect(sim().webhooks.deliveries.at(-1)).toMatchObject({ status: 200, event: { event_name: 'user_send_text' } });
    const inbox = await ok('inbox_list_unanswered');
    expect(inbox.items).toEqual([expect.objectContaining({ user_id: u.user_id, last_message: 'Shop ơi còn hàng không?', display_name: u.display_name })]);
    // The simulator's own history shows the message too.
    const history = await ok('conversations_get_history', { user_id: u.user_id, count: 1 });
    expect(history.items[0]).toMatchObject({ from: 'user', text: 'Shop ơi còn hàng không?' });
  });

  it('follow, unfollow and submitted info reach the follower index', async () => {
    const [a, b] = [user(3), user(4)];
    const oa = sim().oa();
    await sim().webhooks.follow(oa, a.user_id, true);
    await sim().webhooks.follow(oa, b.user_id, false);
    await sim().webhooks.submitInfo(oa, a.user_id, { name: 'Phạm Thu Hương', phone: '84987654321', city: 'Cần Thơ' });
    expect(sim().webhooks.deliveries.slice(-3).map((d) => d.status)).toEqual([200, 200, 200]);
    const found = await ok('followers_search', { name: 'pham thu huong' });
    expect(found.items).toEqual([expect.objectContaining({ user_id: a.user_id, phone: '84987654321', city: 'Cần Thơ', is_follower: true })]);
    expect((await ok('followers_search', { is_follower: false })).items.map((i: any) => i.user_id)).toContain(b.user_id);
  });

  it('a template sent by zns_send is reported delivered by webhook', async () => {
    const tpl = (await ok('zns_list_templates', { status: 'enable' })).items[0];
    const detail = await ok('zns_get_template', { template_id: tpl.template_id });
    const data = Object.fromEntries((detail.parameters ?? detail.params).map((p: any) => [p.name, '1'.repeat(Math.max(4, p.min_length ?? 0))]));
    const sent = await ok('zns_send', { phone: '0912345678', template_id: tpl.template_id, template_data: data, tracking_id: 'order-1' });
    const deadline = Date.now() + 10_000;
    while (!sim().webhooks.deliveries.some((d) => d.event.event_name === 'user_received_message') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await sim().webhooks.settle();
    expect(sim().webhooks.deliveries.find((d) => d.event.event_name === 'user_received_message')).toMatchObject({ status: 200, event: { message: { msg_id: sent.message_id, tracking_id: 'order-1' } } });
    const statusCalls = sim().calls('/message/status').length;
    expect(await ok('zns_get_message_status', { message_id: sent.message_id, phone: '0912345678' })).toMatchObject({ delivered: true });
    expect(sim().calls('/message/status')).toHaveLength(statusCalls);
  }, 20_000);

  it('busy hour streams customer messages into the inbox', async () => {
    const before = sim().webhooks.deliveries.length;
    const stop = sim().webhooks.busyHour(sim().oa(), 3000);
    await new Promise((r) => setTimeout(r, 300));
    stop();
    await sim().webhooks.settle();
    const posted = sim().webhooks.deliveries.slice(before);
    expect(posted.length).toBeGreaterThanOrEqual(5);
    expect(posted.every((d) => d.status === 200)).toBe(true);
    const events = await ok('inbox_list_events', { event_name: 'user_send_text', count: 50 });
    expect(events.total).toBeGreaterThanOrEqual(posted.length);
  });

  it('a webhook flood does not hold up the MCP endpoint', async () => {
    const hook = h.url.replace(/\/mcp$/, '/webhook');
    const key = 'sandbox-oa-secret-key-webhook-5d1c';
    const flood = Promise.all(Array.from({ length: 300 }, (_, i) => postEvent(hook, userText(`flood ${i}`, { sender: { id: user(i % 20).user_id } }), { key }).then((r) => r.status)));
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    await ok('oa_get_profile');
    const mcpMs = Date.now() - t0;
    const statuses = await flood;
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(mcpMs).toBeLessThan(2000);
  }, 30_000);
});
