/** zns_send's two channels (ZBS Template Message): phone with a tracking_id, user_id on the Open API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from '../messages/helpers.js';

const ORDER = '304512';
const data = { customer_name: 'Nguyễn Thị Lan', order_code: 'HS-2026-0042', price: '450000', order_date: '25/11/2026' };

describe('zns_send by user_id', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const zns = () => znsState(t.sim.oa(), t.sim.state);

  it('reaches a follower past the 7-day window through /v3.0/oa/message/template, without tracking_id', async () => {
    const f = followerIn(t.sim, 'expired');
    expect(await t.fail('messages_send_text', { user_id: f.user_id, text: 'Đơn của chị đã giao' })).toContain('(Zalo error -230)');
    const before = zns().remainingQuota;
    const r = await t.ok('zns_send', { user_id: f.user_id, template_id: ORDER, template_data: data });
    expect(r).toMatchObject({ channel: 'user_id', user_id: f.user_id, phone: null, tracking_id: null, template_id: ORDER, remaining_quota: before - 1 });
    const [call] = t.sim.calls('/v3.0/oa/message/template');
    expect(call!.family).toBe('openapi');
    expect(call!.body).toEqual({ user_id: f.user_id, template_id: ORDER, template_data: data });
    expect(t.sim.requests.filter((q) => q.family === 'zns' && q.path === '/message/template')).toHaveLength(0);
    // It lands in the conversation like any OA message.
    const history = await t.ok('conversations_get_history', { user_id: f.user_id, count: 1 });
    expect(history.items[0]).toMatchObject({ message_id: r.message_id, from: 'oa' });
  });

  it('checks template_data against the template before sending, as by phone', async () => {
    const f = followerIn(t.sim, 'expired');
    const text = await t.fail('zns_send', { user_id: f.user_id, template_id: ORDER, template_data: { customer_name: 'Lan' } });
    expect(text).toContain('template_data.order_code is required by template 304512');
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it.each([
    [{}, 'recipient missing: give exactly one of phone or user_id'],
    [{ phone: '0912345678', user_id: '1400000000000000001' }, 'recipient ambiguous: give exactly one of phone or user_id'],
    [{ user_id: '1400000000000000001', tracking_id: 'x' }, 'tracking_id applies to the phone channel only'],
    [{ user_id: '1400000000000000001', mode: 'development' }, 'mode applies to the phone channel only'],
  ])('refuses %j before any request, naming the fields', async (to, message) => {
    expect(await t.fail('zns_send', { ...to, template_id: ORDER, template_data: data })).toContain(message);
    expect(t.sim.requests.filter((q) => q.path.includes('template'))).toHaveLength(0);
  });

  it('a template without price_uid (OTP) is refused by Zalo with -249: send it by phone', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const text = await t.fail('zns_send', { user_id: f.user_id, template_id: '304520', template_data: { otp: '482913' } });
    expect(text).toContain('(Zalo error -249)');
    expect(zns().messages.size).toBe(0);
  });

  it('a promotion-tagged template by user_id is refused at night in Vietnam (-234), accepted by day', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const promo = zns().templates.get('305102')!;
    promo.status = 'ENABLE';
    const vnHour = (ms: number) => new Date(ms + 7 * 3_600_000).getUTCHours();
    const toHour = (h: number) => { while (vnHour(t.sim.state.now()) !== h) t.sim.advance(3_600_000); };
    toHour(23);
    const args = { user_id: f.user_id, template_id: '305102', template_data: { customer_name: 'Lan', discount: '20' } };
    expect(await t.fail('zns_send', args)).toContain('(Zalo error -234)');
    expect(zns().messages.size).toBe(0);
    toHour(9);
    expect(await t.ok('zns_send', args)).toMatchObject({ channel: 'user_id' });
  });

  it('a user who unfollowed gets -213; an unknown user_id -201', async () => {
    const gone = followerIn(t.sim, 'unfollowed');
    expect(await t.fail('zns_send', { user_id: gone.user_id, template_id: ORDER, template_data: data })).toContain('(Zalo error -213)');
    expect(await t.fail('zns_send', { user_id: '1400000000000000001', template_id: ORDER, template_data: data })).toContain('user_id is invalid! (Zalo error -201)');
  });

  it('the input schema has no top-level union: both fields are optional properties', async () => {
    const tool = (await t.client.listTools()).tools.find((x) => x.name === 'zns_send')!;
    const schema = tool.inputSchema as Record<string, unknown> & { required?: string[]; properties: Record<string, unknown> };
    expect(schema.anyOf).toBeUndefined();
    expect(schema.oneOf).toBeUndefined();
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['phone', 'user_id']));
    expect(schema.required).not.toContain('phone');
  });
});

describe('zns_send by phone: tracking_id', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('generates a tracking_id (≤ 48 chars) when none is given, sends it and returns it', async () => {
    const r = await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: data });
    expect(r.channel).toBe('phone');
    expect(r.tracking_id).toMatch(/^\S{1,48}$/);
    expect(t.sim.calls('/message/template')[0]!.body.tracking_id).toBe(r.tracking_id);
    const again = await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: data });
    expect(again.tracking_id).not.toBe(r.tracking_id);
  });

  it('the simulator, like Zalo, refuses a phone send without tracking_id (-1122)', async () => {
    const body = { phone: '84912345678', template_id: ORDER, template_data: data };
    await expect(t.runtime.client.request({ api: 'zns', method: 'POST', path: '/message/template', body })).rejects.toMatchObject({ code: -1122 });
    expect(znsState(t.sim.oa(), t.sim.state).messages.size).toBe(0);
  });
});

describe('zns_send: template_data in decomposed (NFD) form', () => {
  it('is counted after NFC normalisation and sent as NFC, by user_id and by phone', async () => {
    const t = await createTestContext();
    try {
      // 30 characters in NFC (the limit of customer_name), more than 30 code points in NFD.
      const name = 'Nguyễn Thị Lan Phương Trần Việ'.normalize('NFC');
      expect([...name]).toHaveLength(30);
      const nfd = name.normalize('NFD');
      expect([...nfd].length).toBeGreaterThan(30);
      const f = followerIn(t.sim, 'expired');
      await t.ok('zns_send', { user_id: f.user_id, template_id: ORDER, template_data: { ...data, customer_name: nfd } });
      await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: { ...data, customer_name: nfd } });
      for (const call of t.sim.calls('/message/template')) expect((call.body.template_data as Record<string, string>).customer_name).toBe(name);
      const over = await t.fail('zns_send', { user_id: f.user_id, template_id: ORDER, template_data: { ...data, customer_name: `${name}x`.normalize('NFD') } });
      expect(over).toContain('customer_name is 31 characters; the template allows at most 30');
    } finally {
      await t.close();
    }
  });
});
