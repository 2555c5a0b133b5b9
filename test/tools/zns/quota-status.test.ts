import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { createTestContext, type TestContext } from '../../harness.js';

const data = { customer_name: 'Trần Văn Minh', order_code: 'HS-77', price: '120000', order_date: '25/11/2026' };

describe('zns_get_quota / zns_get_message_status', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const full = { daily_quota: 500, remaining_quota: 487, daily_quota_promotion: 100, remaining_quota_promotion: 100, monthly_quota_promotion: 3000, remaining_monthly_quota_promotion: 2950, current_quality: 'HIGH', last_week_quality: 'MEDIUM' };

  it('reads the quota as numbers, the promotion quotas and the OA quality, and sees it go down after a send', async () => {
    expect(await t.ok('zns_get_quota')).toEqual(full);
    expect(t.sim.calls('/quality')).toHaveLength(1);
    await t.ok('zns_send', { phone: '0912345678', template_id: '304512', template_data: data });
    expect((await t.ok('zns_get_quota')).remaining_quota).toBe(486);
    // The branch OA has no promotion quota: Zalo sends null, the tool reports null.
    const branch = await t.ok('zns_get_quota', { oa: 'branch' });
    expect(branch).toMatchObject({ daily_quota: znsState(t.sim.oa('branch'), t.sim.state).dailyQuota, monthly_quota_promotion: null, remaining_monthly_quota_promotion: null, current_quality: 'MEDIUM' });
  });

  it('Zalo mixes strings, numbers and nulls in the quota; the tool turns them into numbers or null', async () => {
    const sent = await t.ok('zns_send', { phone: '0912345678', template_id: '304512', template_data: data });
    expect(sent).toMatchObject({ daily_quota: 500, remaining_quota: 486 });
    // The wire, read directly with the token the server obtained.
    const shopId = [...t.sim.state.oas.entries()].find(([, o]) => o === t.sim.oa())![0];
    const token = [...t.sim.state.accessTokens.entries()].find(([, a]) => a.oaId === shopId)![0];
    const body = (await (await fetch(`${t.sim.urls.zns}/message/quota`, { headers: { access_token: token } })).json()) as { data: Record<string, unknown> };
    expect(body.data).toEqual({
      dailyQuota: '500', remainingQuota: '486', dailyQuotaPromotion: '100', remainingQuotaPromotion: '100',
      monthlyPromotionQuota: 3000, remainingMonthlyPromotionQuota: 2950, estimatedNextMonthPromotionQuota: null,
    });
    expect(await t.ok('zns_get_quota')).toEqual({ ...full, remaining_quota: 486 });
  });

  it('a refused quality read leaves the quota readable, quality null', async () => {
    t.sim.failNext({ path: '/quality', code: -125, message: 'OA is not allowed to use this API', times: 3 });
    expect(await t.ok('zns_get_quota')).toEqual({ ...full, current_quality: null, last_week_quality: null });
  });

  it('turns a Zalo error on the quota into an actionable message', async () => {
    t.sim.failNext({ path: '/message/quota', code: -223, message: 'OA has not authorized this API' });
    expect(await t.fail('zns_get_quota')).toContain('(Zalo error -223)');
  });

  it('shows a message as delivered once Zalo reports it', async () => {
    const sent = await t.ok('zns_send', { phone: '0912345678', template_id: '304512', template_data: data });
    const early = await t.ok('zns_get_message_status', { message_id: sent.message_id, phone: '+84912345678' });
    expect(early).toMatchObject({ message_id: sent.message_id, delivered: false, delivery_time: null });
    expect(t.sim.calls('/message/status')[0]!.query).toEqual({ message_id: sent.message_id, phone: '84912345678' });
    t.sim.advance(5_000);
    const later = await t.ok('zns_get_message_status', { message_id: sent.message_id, phone: '0912345678' });
    expect(later).toMatchObject({ delivered: true, status: 1 });
    expect(Date.parse(later.delivery_time)).toBe(Date.parse(sent.sent_time) + 3_000);
  });

  it('reports an unknown message id', async () => {
    expect(await t.fail('zns_get_message_status', { message_id: 'deadbeef', phone: '0912345678' })).toContain('Message ID invalid (Zalo error -107)');
  });

  it('refuses a bad phone before calling Zalo', async () => {
    expect(await t.fail('zns_get_message_status', { message_id: 'deadbeef', phone: '0012345678' })).toContain('0912345678, +84912345678 or 84912345678');
    expect(t.sim.calls('/message/status')).toHaveLength(0);
  });
});
