/** The simulator over raw HTTP: Zalo's envelope, tokens, 404s and the fault hooks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';

const shop = SANDBOX_ACCOUNTS[0]!;

async function refresh(sim: Sandbox, refreshToken: string, secret = shop.appSecret) {
  const res = await fetch(`${sim.urls.oauth}/v4/oa/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: secret },
    body: new URLSearchParams({ refresh_token: refreshToken, app_id: shop.appId, grant_type: 'refresh_token' }),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function getoa(sim: Sandbox, token: string) {
  return (await (await fetch(`${sim.urls.openapi}/v2.0/oa/getoa`, { headers: { access_token: token } })).json()) as Record<string, any>;
}

describe('sandbox server', () => {
  let sim: Sandbox;
  beforeEach(async () => { sim = await startSandbox({ accessTtlS: 60 }); });
  afterEach(async () => { await sim.close(); });

  it('issues tokens whose refresh token is single-use and whose expires_in is a string', async () => {
    const first = await refresh(sim, shop.refreshToken);
    expect(first.expires_in).toBe('60');
    const reused = await refresh(sim, shop.refreshToken);
    expect(reused.error).toBe(-14014);
    const second = await refresh(sim, String(first.refresh_token));
    expect(second.access_token).toMatch(/^sbx_at_/);
  });

  it('refuses a wrong secret_key', async () => {
    expect((await refresh(sim, shop.refreshToken, 'wrong-secret-123')).error).toBe(-14004);
  });

  it('answers in Zalo\'s envelope and expires access tokens', async () => {
    const { access_token } = await refresh(sim, shop.refreshToken);
    const ok = await getoa(sim, String(access_token));
    expect(ok).toMatchObject({ error: 0, message: 'Success', data: { oaid: shop.oaId } });
    sim.advance(61_000);
    expect((await getoa(sim, String(access_token))).error).toBe(-216);
  });

  it('answers unknown paths with Zalo\'s 404 page', async () => {
    const res = await fetch(`${sim.urls.openapi}/v9.9/nothing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('You are accessing an empty or invalid API');
  });

  it('fails the next calls on demand and logs every request', async () => {
    const { access_token } = await refresh(sim, shop.refreshToken);
    sim.failNext({ path: '/getoa', code: -32, times: 2 });
    expect((await getoa(sim, String(access_token))).error).toBe(-32);
    expect((await getoa(sim, String(access_token))).error).toBe(-32);
    expect((await getoa(sim, String(access_token))).error).toBe(0);
    expect(sim.calls('/getoa').map((r) => r.error)).toEqual([-32, -32, 0]);
    expect(sim.calls('/getoa')[0]!.oa).toBe('shop');
  });
});
