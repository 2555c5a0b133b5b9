import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from './helpers.js';

describe('retired: UID transaction/promotion messages and the list template', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('no tool sends them any more', async () => {
    const names = (await t.client.listTools()).tools.map((x) => x.name);
    expect(names).not.toContain('messages_send_transaction');
    expect(names).not.toContain('messages_send_list');
    expect(names).toContain('zns_send');
  });

  it.each(['transaction', 'promotion'])('the simulator answers /v3.0/oa/message/%s like a retired API (-233), delivering nothing', async (kind) => {
    const f = followerIn(t.sim, 'expired');
    const before = t.sim.oa().messages.length;
    const body = {
      recipient: { user_id: f.user_id },
      message: { attachment: { type: 'template', payload: { template_type: kind === 'promotion' ? 'promotion' : 'transaction_order', language: 'VI', elements: [{ type: 'header', content: 'Đơn hàng' }] } } },
    };
    await expect(t.runtime.client.request({ api: 'openapi', method: 'POST', path: `/v3.0/oa/message/${kind}`, body }))
      .rejects.toMatchObject({ code: -233, message: expect.stringContaining('stopped on 2026-03-01') });
    expect(t.sim.oa().messages).toHaveLength(before);
  });

  it('the v3 consultation API refuses the list template (-201)', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const body = { recipient: { user_id: f.user_id }, message: { attachment: { type: 'template', payload: { template_type: 'list', elements: [{ title: 'Áo dài' }] } } } };
    await expect(t.runtime.client.request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/cs', body })).rejects.toMatchObject({ code: -201, message: 'template_type is invalid!' });
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
