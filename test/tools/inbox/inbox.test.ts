/** The inbox and what webhooks change in other tools, through a real MCP client, with a fake clock. */
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHOP } from '../../webhook/helpers.js';
import { startInbox, userSays, type InboxContext } from './helpers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('inbox', () => {
  let t: InboxContext;
  let users: string[];
  beforeEach(async () => {
    t = await startInbox();
    users = [...t.sim.oa().followers.values()].map((f) => f.user_id);
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists unanswered chats oldest first with the minutes left in the 48 h and 7-day windows, and drops answered ones', async () => {
    const [u0, u1, u2] = users as [string, string, string];
    const t0 = t.clock.now;
    await t.event(userSays(u1, 'Còn size M không?'));
    await t.event({ event_name: 'user_submit_info', sender: { id: u1 }, info: { name: 'Nguyễn Thị Lan', phone: '0904123456' } });
    t.clock.now += 10 * MIN;
    await t.event(userSays(u0, 'Shop ơi'));
    t.clock.now += 10 * MIN;
    await t.event(userSays(u0, 'Alo?'));
    t.clock.now += 50 * HOUR;
    await t.event(userSays(u2, 'Giao hàng mấy ngày?'));
    t.clock.now += HOUR;

    const page = await t.ok('inbox_list_unanswered');
    expect(page.items.map((i: any) => i.user_id)).toEqual([u1, u0, u2]);
    expect(page.items[0]).toMatchObject({ display_name: 'Nguyễn Thị Lan', last_message: 'Còn size M không?', waiting: 1, free_window_left_min: 0, window_left_min: 168 * 60 - (51 * 60 + 20) });
    expect(page.items[1]).toMatchObject({ last_message: 'Alo?', waiting: 2, last_message_time: new Date(t0 + 20 * MIN).toISOString() });
    expect(page.items[2]).toMatchObject({ free_window_left_min: 47 * 60, window_left_min: 167 * 60 });
    expect(page).toMatchObject({ total: 3, next_offset: null });
    expect(page.note).toBeUndefined();

    // Our reply (recorded by the send tool) answers u0.
    await t.ok('messages_send_text', { user_id: u0, text: 'Dạ shop đây ạ' });
    expect((await t.ok('inbox_list_unanswered')).items.map((i: any) => i.user_id)).toEqual([u1, u2]);

    // Six days later u1's 7-day window has closed: gone from "open", still in "all".
    t.clock.now += 6 * 24 * HOUR;
    expect((await t.ok('inbox_list_unanswered')).items.map((i: any) => i.user_id)).toEqual([u2]);
    const all = await t.ok('inbox_list_unanswered', { window: 'all', count: 1 });
    expect(all.items).toEqual([expect.objectContaining({ user_id: u1, window_left_min: 0 })]);
    expect(all.next_offset).toBe(1);
  });

  it('says when no webhook event was ever received', async () => {
    const page = await t.ok('inbox_list_unanswered');
    expect(page.items).toEqual([]);
    expect(page.note).toMatch(/No webhook event received yet/);
  });

  it('lists events by type, user and time range, paged', async () => {
    const [u0, u1] = users as [string, string];
    const t0 = t.clock.now;
    await t.event(userSays(u0, 'a'));
    t.clock.now += MIN;
    await t.event({ event_name: 'follow', oa_id: SHOP.oaId, follower: { id: u1 } });
    t.clock.now += MIN;
    await t.event(userSays(u1, 'b'));
    const texts = await t.ok('inbox_list_events', { event_name: 'user_send_text' });
    expect(texts.items.map((e: any) => e.event.message.text)).toEqual(['b', 'a']);
    const u1Events = await t.ok('inbox_list_events', { user_id: u1, count: 1 });
    expect(u1Events).toMatchObject({ total: 2, next_offset: 1, items: [{ event_name: 'user_send_text', user_id: u1 }] });
    const window = await t.ok('inbox_list_events', { from: new Date(t0 + 30_000).toISOString(), to: new Date(t0 + 90_000).toISOString() });
    expect(window.items.map((e: any) => e.event_name)).toEqual(['follow']);
  });

  it('updates the follower index from follow, unfollow, user_submit_info and add_user_to_tag', async () => {
    const [u0, u1] = users as [string, string];
    await t.event({ event_name: 'follow', oa_id: SHOP.oaId, follower: { id: u0 } });
    await t.event({ event_name: 'unfollow', oa_id: SHOP.oaId, follower: { id: u1 } });
    await t.event({ event_name: 'user_submit_info', sender: { id: u0 }, info: { name: 'Trần Văn Đức', phone: '+84 912 345 678', full_address: { user_city: 'Hà Nội', user_address: '12 Lê Lợi' } } });
    await t.event({ event_name: 'add_user_to_tag', oa_id: SHOP.oaId, tag: { name: 'VIP', user_ids: [u0, u1] } });
    const store = await t.store();
    expect(await store.getFollower('shop', u0)).toMatchObject({ isFollower: true, name: 'Trần Văn Đức', phone: '84912345678', city: 'Hà Nội', address: '12 Lê Lợi', tags: ['VIP'] });
    expect(await store.getFollower('shop', u1)).toMatchObject({ isFollower: false, tags: ['VIP'] });
  });

  it('answers messages_get_status with the seen receipt and zns_get_message_status with the delivery receipt, without calling Zalo', async () => {
    const u0 = users[0]!;
    const sent = await t.ok('messages_send_text', { user_id: u0, text: 'Đơn của chị đã gửi' });
    // Zalo echoes the OA's own message as oa_send_text: merged with what the send tool logged.
    await t.event({ event_name: 'oa_send_text', sender: { id: SHOP.oaId }, recipient: { id: u0 }, message: { msg_id: sent.message_id, text: 'Đơn của chị đã gửi' } });
    t.clock.now += 5 * MIN;
    await t.event({ event_name: 'user_seen_message', sender: { id: u0 }, recipient: { id: SHOP.oaId }, message: { msg_ids: [sent.message_id] } });
    const historyCalls = t.sim.calls('/oa/conversation').length;
    const status = await t.ok('messages_get_status', { message_id: sent.message_id, user_id: u0 });
    expect(status).toMatchObject({ found: true, from: 'oa', text: 'Đơn của chị đã gửi', seen_at: new Date(t.clock.now).toISOString() });
    expect(t.sim.calls('/oa/conversation')).toHaveLength(historyCalls);
    expect(await (await t.store()).countMessages('shop', u0)).toBe(1);

    await t.event({ event_name: 'user_received_message', recipient: { id: '84904123456' }, message: { msg_id: 'zns-77', tracking_id: 'order-9', delivery_time: String(t.clock.now - 1000) } });
    const zns = await t.ok('zns_get_message_status', { message_id: 'zns-77', phone: '0904123456' });
    expect(zns).toMatchObject({ delivered: true, status: 1, delivery_time: new Date(t.clock.now - 1000).toISOString() });
    expect(t.sim.calls('/message/status')).toHaveLength(0);
  });

  it('reads a template again after change_template_status', async () => {
    const { items } = await t.ok('zns_list_templates', {});
    const id = items[0].template_id;
    const infoReads = () => t.sim.requests.filter((r) => r.path.startsWith('/template/info'));
    await t.ok('zns_get_template', { template_id: id });
    await t.ok('zns_get_template', { template_id: id });
    expect(infoReads()).toHaveLength(1);
    await t.event({ event_name: 'change_template_status', oa_id: SHOP.oaId, template_id: id, status: { prev_status: 'ENABLE', new_status: 'DISABLE' }, reason: 'test' });
    await t.ok('zns_get_template', { template_id: id });
    expect(infoReads()).toHaveLength(2);
  });

  it('serves the conversation resource from the message log and notifies a subscriber of new messages', async () => {
    const u0 = users[0]!;
    const uri = `zalo://oa/shop/conversations/${u0}`;
    const updates: string[] = [];
    t.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    await t.client.subscribeResource({ uri });
    await t.event(userSays(users[1]!, 'someone else'));
    await t.event(userSays(u0, 'Cho mình hỏi giá'));
    await new Promise((r) => setTimeout(r, 50));
    expect(updates).toEqual([uri]);
    const body = JSON.parse(String(((await t.client.readResource({ uri })).contents[0] as { text: string }).text));
    expect(body.source).toMatch(/local message log/);
    expect(body.items.map((m: any) => [m.from, m.text])).toEqual([['user', 'Cho mình hỏi giá']]);
    await t.client.unsubscribeResource({ uri });
    await t.event(userSays(u0, 'Alo'));
    await new Promise((r) => setTimeout(r, 50));
    expect(updates).toHaveLength(1);
  });
});
