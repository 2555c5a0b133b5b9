/** The simulator's shop follows ZALO_API.md §9 and refuses the legacy `/v2.0/store` shapes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('simulator shop refuses legacy shapes', () => {
  let t: TestContext;
  let token: string;
  beforeEach(async () => {
    t = await createTestContext();
    token = await t.runtime.client.tokenManager().accessToken();
  });
  afterEach(async () => { await t.close(); });

  const call = (method: string, path: string, opts: { query?: string; body?: unknown } = {}) =>
    fetch(`${t.sim.urls.openapi}${path}${opts.query ? `?${opts.query}` : ''}`, {
      method, headers: { access_token: token, 'content-type': 'application/json' }, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }).then(async (r) => ({ status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() }));

  it('does not serve the legacy /v2.0/store paths', async () => {
    for (const p of ['/v2.0/store/product/getproductofoa', '/v2.0/store/order/update', '/v2.0/store/category/getcategoryofoa']) {
      expect((await call(p.endsWith('update') ? 'POST' : 'GET', p)).status).toBe(404);
    }
  });

  it('refuses the JSON data= query parameter and legacy body fields', async () => {
    const list = await call('GET', '/v2.0/mstore/product/getproductofoa', { query: `data=${encodeURIComponent('{"offset":0,"count":5}')}` });
    expect(list.body).toMatchObject({ error: -201, message: expect.stringMatching(/^data is invalid!/) });
    const legacyCreate = await call('POST', '/v2.0/mstore/product/create', { body: { name: 'A', price: 1000, desc: 'x', display: 'show', cateids: [] } });
    expect(legacyCreate.body).toMatchObject({ error: -201, message: 'desc is invalid! Unknown field' });
    const legacyUpdate = await call('POST', '/v2.0/mstore/product/update', { body: { productid: '5200001', product: { price: 1 } } });
    expect(legacyUpdate.body).toMatchObject({ error: -201 });
    const legacyOrder = await call('POST', '/v2.0/mstore/order/updatestatus', { body: { orderid: '73000001', status: 2 } });
    expect(legacyOrder.body).toMatchObject({ error: -201, message: 'orderid is invalid! Unknown field' });
    const stringPrice = await call('POST', '/v2.0/mstore/product/create', { body: { name: 'A', price: '1000' } });
    expect(stringPrice.body).toMatchObject({ error: -201, message: 'price is invalid!' });
    const cap = await call('GET', '/v2.0/mstore/order/getorderofoa', { query: 'offset=0&limit=51' });
    expect(cap.body).toMatchObject({ error: -210 });
  });

  it('enforces the order moves itself', async () => {
    const res = await call('POST', '/v2.0/mstore/order/updatestatus', { body: { ids: ['73000001'], status: 6 } });
    expect(res.body).toMatchObject({ error: -201, message: expect.stringMatching(/cannot move from 1 to 6/) });
  });
});
