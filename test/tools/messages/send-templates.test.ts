import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from './helpers.js';

describe('messages_send_list', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends a list with links and each button type in Zalo\'s payload shape', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.ok('messages_send_list', {
      user_id: f.user_id,
      elements: [
        { title: 'Áo sơ mi trắng', subtitle: '350.000đ', image_url: 'https://cdn.example.vn/1.jpg', url: 'https://shop.example.vn/1' },
        { title: 'Chân váy xếp ly' },
      ],
      buttons: [
        { title: 'Xem cửa hàng', type: 'oa.open.url', value: 'https://shop.example.vn' },
        { title: 'Tư vấn size', type: 'oa.query.show', value: '#size' },
        { title: 'Gọi shop', type: 'oa.open.phone', value: '0901 888 484' },
        { title: 'Nhắn SMS', type: 'oa.open.sms', value: '0901888484', sms_text: 'Tư vấn giúp mình' },
      ],
    });
    expect(r.user_id).toBe(f.user_id);
    const payload = (t.sim.calls('/message/cs')[0]!.body as any).message.attachment.payload;
    expect(payload.template_type).toBe('list');
    expect(payload.elements).toEqual([
      { title: 'Áo sơ mi trắng', subtitle: '350.000đ', image_url: 'https://cdn.example.vn/1.jpg', default_action: { type: 'oa.open.url', url: 'https://shop.example.vn/1' } },
      { title: 'Chân váy xếp ly' },
    ]);
    expect(payload.buttons).toEqual([
      { title: 'Xem cửa hàng', type: 'oa.open.url', payload: { url: 'https://shop.example.vn' } },
      { title: 'Tư vấn size', type: 'oa.query.show', payload: '#size' },
      { title: 'Gọi shop', type: 'oa.open.phone', payload: { phone_code: '0901888484' } },
      { title: 'Nhắn SMS', type: 'oa.open.sms', payload: { phone_code: '0901888484', content: 'Tư vấn giúp mình' } },
    ]);
  });

  it('refuses a button value that does not fit its type, and 6 elements, before sending', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const text = await t.fail('messages_send_list', {
      user_id: f.user_id, elements: [{ title: 'A' }], buttons: [{ title: 'Web', type: 'oa.open.url', value: 'shop.example.vn' }],
    });
    expect(text).toContain('buttons[0].value must be an https URL');
    const six = await t.call('messages_send_list', { user_id: f.user_id, elements: Array.from({ length: 6 }, (_, i) => ({ title: `SP ${i}` })) });
    expect(six.isError).toBe(true);
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });

  it('fails like Zalo for an expired window (-230)', async () => {
    const f = followerIn(t.sim, 'expired');
    expect(await t.fail('messages_send_list', { user_id: f.user_id, elements: [{ title: 'A' }] })).toContain('(Zalo error -230)');
  });
});

describe('messages_send_request_info', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends the request_user_info card', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.ok('messages_send_request_info', {
      user_id: f.user_id, title: 'Đăng ký thành viên', subtitle: 'Chia sẻ thông tin để nhận ưu đãi', image_url: 'https://cdn.example.vn/member.jpg',
    });
    expect(r.quota).toBeUndefined(); // free inside 48 h: unlimited since 2026, Zalo reports no count
    expect((t.sim.calls('/message/cs')[0]!.body as any).message.attachment).toEqual({
      type: 'template',
      payload: { template_type: 'request_user_info', elements: [{ title: 'Đăng ký thành viên', subtitle: 'Chia sẻ thông tin để nhận ưu đãi', image_url: 'https://cdn.example.vn/member.jpg' }] },
    });
  });

  it('fails like Zalo when the user restricted the OA (-244)', async () => {
    const restricted = [...t.sim.oa().followers.values()].find((f) => f.restricted)!;
    const text = await t.fail('messages_send_request_info', {
      user_id: restricted.user_id, title: 'Đăng ký', subtitle: 'Chia sẻ thông tin', image_url: 'https://cdn.example.vn/m.jpg',
    });
    expect(text).toContain('(Zalo error -244)');
  });
});

describe('messages_send_transaction', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const order = {
    template_type: 'transaction_order',
    banner_url: 'https://cdn.example.vn/banner.jpg',
    header: 'Trạng thái đơn hàng',
    text: 'Cảm ơn chị đã mua hàng.',
    table: [{ key: 'Mã đơn hàng', value: 'HS-1024' }, { key: 'Trạng thái', value: 'Đang giao', style: 'yellow' }],
    buttons: [{ title: 'Theo dõi đơn', type: 'oa.open.url', value: 'https://shop.example.vn/don/HS-1024' }],
  };

  it('sends to a follower outside the consultation window, against the transaction quota', async () => {
    const f = followerIn(t.sim, 'expired');
    const before = t.sim.oa().transaction_remaining;
    const r = await t.ok('messages_send_transaction', { user_id: f.user_id, ...order });
    expect(r).toMatchObject({ user_id: f.user_id, quota: { type: 'transaction', remain: before - 1 } });
    expect(t.sim.oa().transaction_remaining).toBe(before - 1);
    const [call] = t.sim.calls('/message/transaction');
    expect((call!.body as any).message.attachment.payload).toEqual({
      template_type: 'transaction_order',
      language: 'VI',
      elements: [
        { type: 'banner', image_url: 'https://cdn.example.vn/banner.jpg' },
        { type: 'header', content: 'Trạng thái đơn hàng', align: 'left' },
        { type: 'text', content: 'Cảm ơn chị đã mua hàng.', align: 'left' },
        { type: 'table', content: order.table },
      ],
      buttons: [{ title: 'Theo dõi đơn', type: 'oa.open.url', payload: { url: 'https://shop.example.vn/don/HS-1024' } }],
    });
    const h = await t.ok('conversations_get_history', { user_id: f.user_id, count: 1 });
    expect(h.items[0]).toMatchObject({ message_id: r.message_id, from: 'oa', text: 'Trạng thái đơn hàng' });
  });

  it('fails like Zalo for a non-follower (-213) and an empty quota (-211)', async () => {
    const gone = followerIn(t.sim, 'unfollowed');
    expect(await t.fail('messages_send_transaction', { user_id: gone.user_id, ...order })).toContain('(Zalo error -213)');
    t.sim.oa().transaction_remaining = 0;
    const f = followerIn(t.sim, 'within_48h');
    expect(await t.fail('messages_send_transaction', { user_id: f.user_id, ...order })).toContain('Out of quota (Zalo error -211)');
  });

  it('refuses an unknown template type and more than 5 rows before sending', async () => {
    const f = followerIn(t.sim, 'within_48h');
    expect((await t.call('messages_send_transaction', { user_id: f.user_id, ...order, template_type: 'promotion' })).isError).toBe(true);
    const rows = Array.from({ length: 6 }, (_, i) => ({ key: `Mã ${i}`, value: 'x' }));
    expect((await t.call('messages_send_transaction', { user_id: f.user_id, ...order, table: rows })).isError).toBe(true);
    expect(t.sim.calls('/message/transaction')).toHaveLength(0);
  });
});
