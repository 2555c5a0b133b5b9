/** appsecret_proof: sent only when configured, right for the token in use, recomputed when it rotates. */
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestContext, type TestContext } from '../harness.js';
import { tempDir } from '../tmp.js';

const hmac = (token: string, secret: string) => createHmac('sha256', secret).update(token).digest('hex');

describe('appsecret_proof', () => {
  let t: TestContext | undefined;
  afterEach(async () => { await t?.close(); t = undefined; });

  it('is not sent without the setting, and a Zalo that requires it answers -242 / -1241 with the fix', async () => {
    t = await createTestContext({ sandbox: { requireAppsecretProof: true } });
    const oa = await t.fail('oa_get_profile', {});
    expect(oa).toMatch(/\(Zalo error -242\)/);
    expect(oa).toContain('ZALO_APPSECRET_PROOF=1');
    expect(t.sim.calls('/v2.0/oa/getoa')[0]!.headers['appsecret_proof']).toBeUndefined();
    const zns = await t.fail('zns_list_templates', {});
    expect(zns).toMatch(/\(Zalo error -1241\)/);
    expect(zns).toContain('appsecret_proof');
  });

  it('with ZALO_APPSECRET_PROOF=1 every Open API and ZBS call carries HMAC-SHA256(token, app secret)', async () => {
    t = await createTestContext({ env: { ZALO_APPSECRET_PROOF: '1' }, sandbox: { requireAppsecretProof: true } });
    await t.ok('oa_get_profile', {});
    await t.ok('zns_list_templates', {});
    await t.ok('store_orders_list', {});
    const secret = t.sim.oa().account.appSecret;
    const authed = t.sim.requests.filter((r) => r.family !== 'oauth');
    expect(authed.length).toBeGreaterThanOrEqual(3);
    for (const r of authed) {
      expect(r.error, r.path).toBe(0);
      expect(r.headers['appsecret_proof'], r.path).toBe(hmac(String(r.headers['access_token']), secret));
    }
    // The secret itself never travels to the Open API.
    expect(JSON.stringify(authed.map((r) => r.headers))).not.toContain(secret);
  });

  it('is recomputed after the token rotates (on replay after -216 and on the next call)', async () => {
    t = await createTestContext({ env: { ZALO_APPSECRET_PROOF: '1' }, sandbox: { requireAppsecretProof: true } });
    await t.ok('oa_get_profile', {});
    const first = t.sim.calls('/v2.0/oa/getoa')[0]!;
    t.sim.expireTokens();
    await t.ok('oa_get_profile', {});
    const [, rejected, replayed] = t.sim.calls('/v2.0/oa/getoa');
    expect(rejected!.error).toBe(-216);
    expect(replayed!.error).toBe(0);
    expect(replayed!.headers['access_token']).not.toBe(first.headers['access_token']);
    const secret = t.sim.oa().account.appSecret;
    expect(replayed!.headers['appsecret_proof']).toBe(hmac(String(replayed!.headers['access_token']), secret));
    expect(replayed!.headers['appsecret_proof']).not.toBe(first.headers['appsecret_proof']);
    await t.ok('followers_list', {});
    const next = t.sim.requests.at(-1)!;
    expect(next.error).toBe(0);
    expect(next.headers['appsecret_proof']).toBe(hmac(String(next.headers['access_token']), secret));
  });

  it('can be set per OA in the accounts file (its value wins over the environment)', () => {
    const dir = tempDir('zalo-proof-');
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify([
      { alias: 'a', app_id: '1', app_secret: 'secret-a-123', refresh_token: 'refresh-a-123', appsecret_proof: true },
      { alias: 'b', app_id: '2', app_secret: 'secret-b-123', refresh_token: 'refresh-b-123' },
      { alias: 'c', app_id: '3', app_secret: 'secret-c-123', refresh_token: 'refresh-c-123', appsecret_proof: false },
    ]));
    const plain = loadConfig({ env: { ZALO_ACCOUNTS_FILE: file, ZALO_TOKEN_FILE: join(dir, 't.json') }, dotenvPath: null });
    expect(plain.accounts.map((a) => a.appsecretProof ?? false)).toEqual([true, false, false]);
    const all = loadConfig({ env: { ZALO_ACCOUNTS_FILE: file, ZALO_TOKEN_FILE: join(dir, 't.json'), ZALO_APPSECRET_PROOF: '1' }, dotenvPath: null });
    expect(all.accounts.map((a) => a.appsecretProof)).toEqual([true, true, false]);
    expect(() => loadConfig({ env: { ZALO_ACCOUNTS_FILE: file, ZALO_TOKEN_FILE: join(dir, 't.json'), ZALO_APPSECRET_PROOF: 'maybe' }, dotenvPath: null })).toThrow(/^ZALO_APPSECRET_PROOF must be 1 or 0/);
  });
});
