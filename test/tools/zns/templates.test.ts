import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('zns_list_templates / zns_get_template', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('lists every template with status and quality, newest first', async () => {
    const page = await t.ok('zns_list_templates', {});
    const seeded = [...znsState(t.sim.oa(), t.sim.state).templates.values()];
    expect(page.total).toBe(seeded.length);
    expect(page.items.map((i: { status: string }) => i.status).sort()).toEqual(['disable', 'enable', 'enable', 'enable', 'pending_review', 'reject']);
    expect(page.items[0]).toMatchObject({ template_id: '305101', name: 'Cảm ơn khách hàng đã mua sắm', status: 'pending_review', quality: 'UNDEFINED' });
    expect(page.next_offset).toBeNull();
  });

  it('filters by status (mapped to Zalo\'s 1..4) and pages', async () => {
    const page = await t.ok('zns_list_templates', { status: 'enable', count: 2 });
    expect(t.sim.calls('/template/all')[0]!.query).toMatchObject({ status: '1', limit: '2', offset: '0' });
    expect(page).toMatchObject({ offset: 0, count: 2, total: 3, next_offset: 2 });
    expect(page.items.every((i: { status: string }) => i.status === 'enable')).toBe(true);
    const rest = await t.ok('zns_list_templates', { status: 'enable', count: 2, offset: 2 });
    expect(rest.items).toHaveLength(1);
    expect(rest.next_offset).toBeNull();
    const disabled = await t.ok('zns_list_templates', { status: 'disable' });
    expect(disabled.items.map((i: { template_id: string }) => i.template_id)).toEqual(['302977']);
  });

  it('refuses a count over 100 before calling Zalo', async () => {
    const r = await t.call('zns_list_templates', { count: 101 });
    expect(r.isError).toBe(true);
    expect(t.sim.calls('/template/all')).toHaveLength(0);
  });

  it('turns a Zalo error on the list into an actionable message', async () => {
    t.sim.failNext({ path: '/template/all', code: -209, message: 'Not supported this api' });
    expect(await t.fail('zns_list_templates', {})).toContain('List ZNS templates failed: Not supported this api (Zalo error -209).');
  });

  it('gives a template\'s parameters with their limits', async () => {
    const tpl = await t.ok('zns_get_template', { template_id: '304512' });
    expect(tpl).toMatchObject({ template_id: '304512', name: 'Xác nhận đơn hàng', status: 'enable', quality: 'HIGH', tag: 'TRANSACTION', price: '300', price_sdt: '300', price_uid: '200' });
    expect(tpl.preview_url).toMatch(/^https:\/\//);
    expect(tpl.parameters).toEqual([
      { name: 'customer_name', type: 'STRING', required: true, min_length: 1, max_length: 30 },
      { name: 'order_code', type: 'STRING', required: true, min_length: 1, max_length: 30 },
      { name: 'price', type: 'NUMBER', required: true, min_length: 0, max_length: 20 },
      { name: 'order_date', type: 'DATE', required: true, min_length: 0, max_length: 20 },
    ]);
    expect(t.sim.calls('/template/info/v2')[0]!.query.template_id).toBe('304512');
  });

  it('reads /template/info/v2 (not the old /template/info) and shows a template not sendable by user_id', async () => {
    const otp = await t.ok('zns_get_template', { template_id: '304520' });
    expect(otp).toMatchObject({ price_sdt: '300', price_uid: null });
    expect(t.sim.calls('/template/info/v2')).toHaveLength(1);
    expect(t.sim.requests.filter((q) => q.path === '/template/info')).toHaveLength(0);
  });

  it('reports an unknown template id', async () => {
    expect(await t.fail('zns_get_template', { template_id: '123' })).toContain('Template ID invalid (Zalo error -109). Unknown template id');
  });

  it('refuses a non-numeric template id before calling Zalo', async () => {
    expect((await t.call('zns_get_template', { template_id: 'abc' })).isError).toBe(true);
    expect(t.sim.calls('/template/info/v2')).toHaveLength(0);
  });
});
