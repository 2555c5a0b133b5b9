import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, resourceText, type TestContext } from '../../harness.js';

describe('resource zalo://oa/{oa}/zns/templates', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('is listed once per configured OA', async () => {
    const { resources } = await t.client.listResources();
    const uris = resources.map((r) => r.uri).filter((u) => u.endsWith('/zns/templates'));
    expect(uris.sort()).toEqual(['zalo://oa/branch/zns/templates', 'zalo://oa/shop/zns/templates']);
  });

  it('reads the templates with status and quality', async () => {
    const r = await t.client.readResource({ uri: 'zalo://oa/shop/zns/templates' });
    const body = JSON.parse((r.contents[0] as { text: string }).text);
    expect(body.total).toBe(6);
    expect(body.templates).toContainEqual({ template_id: '304512', name: 'Xác nhận đơn hàng', status: 'enable', quality: 'HIGH' });
    expect(t.sim.calls('/template/all')[0]!.query.limit).toBe('100');
    const branch = JSON.parse(resourceText(await t.client.readResource({ uri: 'zalo://oa/branch/zns/templates' })));
    expect(branch.total).toBe(2);
  });

  it('completes the oa variable', async () => {
    const c = await t.client.complete({ ref: { type: 'ref/resource', uri: 'zalo://oa/{oa}/zns/templates' }, argument: { name: 'oa', value: 'br' } });
    expect(c.completion.values).toEqual(['branch']);
  });

  it('fails with Zalo\'s reason', async () => {
    t.sim.failNext({ path: '/template/all', code: -209, message: 'Not supported this api' });
    await expect(t.client.readResource({ uri: 'zalo://oa/shop/zns/templates' })).rejects.toThrow(/Not supported this api/);
  });
});
