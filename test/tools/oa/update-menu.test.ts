import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('oa_update_menu', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const buttons = [
    { title: 'Cửa hàng', type: 'oa.open.url', value: 'https://hoasen.example/shop' },
    { title: 'Khuyến mãi', type: 'oa.query.show', value: '#khuyenmai' },
    { title: 'Gọi shop', type: 'oa.open.phone', value: '0912 345 678' },
  ];

  it('sends Zalo button payloads and the simulator stores the menu', async () => {
    const r = await t.ok('oa_update_menu', { buttons });
    expect(r).toEqual({ updated: true, buttons: 3 });
    const sent = t.sim.calls('/v2.0/oa/menu')[0]!.body;
    expect(sent).toEqual({
      buttons: [
        { title: 'Cửa hàng', type: 'oa.open.url', payload: { url: 'https://hoasen.example/shop' } },
        { title: 'Khuyến mãi', type: 'oa.query.show', payload: '#khuyenmai' },
        { title: 'Gọi shop', type: 'oa.open.phone', payload: { phone_code: '84912345678' } },
      ],
    });
    expect(t.sim.oa().menu).toEqual(sent);
  });

  it('points to the OA admin when Zalo has no menu API for the OA', async () => {
    t.sim.failNext({ path: '/v2.0/oa/menu', code: -209, message: 'Not supported this api' });
    const text = await t.fail('oa_update_menu', { buttons: buttons.slice(0, 1) });
    expect(text).toBe('Update OA chat menu failed: Not supported this api (Zalo error -209). Zalo offers no menu API to this OA: set the menu in the OA admin (oa.zalo.me).');
  });

  it('rejects more than 3 buttons, a non-https link or a bad phone before calling Zalo', async () => {
    await t.fail('oa_update_menu', { buttons: [...buttons, buttons[1]] });
    expect(await t.fail('oa_update_menu', { buttons: [{ title: 'x', type: 'oa.open.url', value: 'http://plain.example' }] })).toContain('https');
    expect(await t.fail('oa_update_menu', { buttons: [{ title: 'x', type: 'oa.open.phone', value: '12345' }] })).toContain('not a Vietnamese phone number');
    expect(t.sim.calls('/v2.0/oa/menu')).toHaveLength(0);
  });
});
