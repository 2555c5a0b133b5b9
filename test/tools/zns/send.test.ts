import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { TEMPLATE_CACHE_TTL_MS } from '../../../src/tools/zns/templates.js';
import { createTestContext, type TestContext } from '../../harness.js';

const ORDER = '304512';
const goodData = { customer_name: 'Nguyễn Thị Lan', order_code: 'HS-2026-0042', price: '450000', order_date: '25/11/2026' };

describe('zns_send', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const zns = () => znsState(t.sim.oa(), t.sim.state);

  it('sends the template to the normalised phone and uses one unit of the daily quota', async () => {
    const before = zns().remainingQuota;
    const r = await t.ok('zns_send', { phone: '0912 345 678', template_id: ORDER, template_data: goodData, tracking_id: 'order-42' });
    expect(r).toMatchObject({ phone: '84912345678', template_id: ORDER, tracking_id: 'order-42', development: false, daily_quota: 500, remaining_quota: before - 1 });
    expect(zns().remainingQuota).toBe(before - 1);
    const [sent] = t.sim.calls('/message/template');
    expect(sent!.body).toEqual({ phone: '84912345678', template_id: ORDER, template_data: goodData, tracking_id: 'order-42' });
    expect(zns().messages.get(r.message_id)).toMatchObject({ phone: '84912345678', template_id: ORDER });
    expect(Date.parse(r.sent_time)).toBeGreaterThan(0);
  });

  it.each(['0912345678', '+84 912 345 678', '84.912.345.678', '0912-345-678'])('normalises %s to 84912345678', async (phone) => {
    await t.ok('zns_send', { phone, template_id: ORDER, template_data: goodData });
    expect(t.sim.calls('/message/template')[0]!.body.phone).toBe('84912345678');
  });

  it.each(['0012345678', '+1 415 555 0100', '09123abc78', '12345', '0912 345 678 999 000 111'])('refuses %s with the accepted forms, sending nothing', async (phone) => {
    const text = await t.fail('zns_send', { phone, template_id: ORDER, template_data: goodData });
    expect(text).toContain('0912345678, +84912345678 or 84912345678');
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it.each([
    [{ customer_name: 'Lan', price: '1', order_date: 'x' }, /order_code is required/],
    [{ ...goodData, coupon: 'X' }, /template_data\.coupon is not a parameter of template 304512/],
    [{ ...goodData, customer_name: 'N'.repeat(31) }, /customer_name is 31 characters; the template allows at most 30/],
    [{ ...goodData, customer_name: '' }, /customer_name is required/],
    [{ ...goodData, price: 'bốn trăm' }, /price must be a number/],
  ])('checks template_data against the template before sending (%#)', async (data, message) => {
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: ORDER, template_data: data });
    expect(text).toMatch(message);
    expect(text).toContain('customer_name (STRING, required, ≤ 30 chars)');
    expect(t.sim.calls('/template/info/v2')).toHaveLength(1);
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it('checks minimum lengths too (OTP needs at least 4 characters)', async () => {
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: '304520', template_data: { otp: '12' } });
    expect(text).toContain('template_data.otp is 2 characters; the template needs at least 4');
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it('reads the template detail once for consecutive sends (short cache)', async () => {
    await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
    await t.ok('zns_send', { phone: '0987654321', template_id: ORDER, template_data: goodData });
    expect(t.sim.calls('/template/info/v2')).toHaveLength(1);
    expect(t.sim.calls('/message/template')).toHaveLength(2);
  });

  it('caches the template per OA, and only briefly', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
      // Same template id on another OA: its own read (the branch OA has template 304512 too).
      await t.ok('zns_send', { oa: 'branch', phone: '0912345678', template_id: ORDER, template_data: goodData });
      expect(t.sim.calls('/template/info/v2')).toHaveLength(2);
      vi.setSystemTime(Date.now() + TEMPLATE_CACHE_TTL_MS - 1_000);
      await t.ok('zns_get_template', { template_id: ORDER });
      expect(t.sim.calls('/template/info/v2')).toHaveLength(2);
      vi.setSystemTime(Date.now() + 2_000);
      await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
      expect(t.sim.calls('/template/info/v2')).toHaveLength(3);
      expect(TEMPLATE_CACHE_TTL_MS).toBeLessThanOrEqual(5 * 60_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes on Zalo\'s refusal of a template that is not approved', async () => {
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: '305101', template_data: { customer_name: 'Lan' } });
    expect(text).toBe('Send template message failed: Template is not approved (status PENDING_REVIEW) (Zalo error -131). The template is not approved or is disabled: pick a template with status enable (zns_list_templates).');
    expect(zns().messages.size).toBe(0);
  });

  it('says what to do when the ZNS quota is used up', async () => {
    zns().remainingQuota = 0;
    const r = await t.call('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ code: -144, kind: 'quota', retry_class: 'retry' });
    expect((r.content[0] as { text: string }).text).toMatch(/Exceeded daily quota \(Zalo error -144\)\. .*zns_get_quota/);
    expect(zns().messages.size).toBe(0);
    // The daily quota refills on the next Vietnam day.
    t.sim.advance(86_400_000);
    expect(await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData })).toMatchObject({ daily_quota: 500, remaining_quota: 499 });
  });

  it('development mode reaches the OA admins without using quota, and nobody else', async () => {
    const before = zns().remainingQuota;
    const ok = await t.ok('zns_send', { phone: '0912000111', template_id: ORDER, template_data: goodData, mode: 'development' });
    expect(ok.development).toBe(true);
    expect(t.sim.calls('/message/template')[0]!.body.mode).toBe('development');
    expect(zns().remainingQuota).toBe(before);
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData, mode: 'development' });
    expect(text).toContain('(Zalo error -201)');
    expect(text).toContain('Development mode only delivers to the OA\'s admins');
  });

  it('rejects a tracking_id over 48 characters before any request', async () => {
    const r = await t.call('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData, tracking_id: 'x'.repeat(49) });
    expect(r.isError).toBe(true);
    expect(t.sim.requests.filter((q) => q.family === 'zns')).toHaveLength(0);
  });

  it('reports an unknown template id from Zalo', async () => {
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: '999999', template_data: goodData });
    expect(text).toContain('Template ID invalid (Zalo error -109)');
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it('within the cache minute, Zalo still checks template_data against the current template (-112)', async () => {
    await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
    zns().templates.get(ORDER)!.listParams.push({ name: 'store_name', type: 'STRING', maxLength: 40, minLength: 1, require: true, acceptNull: false });
    const text = await t.fail('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
    expect(text).toContain('Template data invalid: store_name is required (Zalo error -112)');
    expect(t.sim.calls('/template/info/v2')).toHaveLength(1);
  });
});

describe('zns_send in dry-run mode', () => {
  it('checks the template, then returns the exact request without sending', async () => {
    const t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    try {
      const r = await t.ok('zns_send', { phone: '0912345678', template_id: ORDER, template_data: goodData });
      expect(r).toMatchObject({ dry_run: true, sent: false, request: { method: 'POST', body: { phone: '84912345678', template_id: ORDER, template_data: goodData, tracking_id: expect.stringMatching(/^\S{1,48}$/) } } });
      expect(r.request.url).toMatch(/\/zns\/message\/template$/);
      expect(t.sim.calls('/template/info/v2')).toHaveLength(1);
      expect(t.sim.calls('/message/template')).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
