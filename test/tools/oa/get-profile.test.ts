import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oaProfileSchema } from '../../../src/zalo/endpoints/oa.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('oa_get_profile', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('returns the OA profile from Zalo', async () => {
    const p = await t.ok('oa_get_profile');
    expect(p.name).toBe('Hoa Sen Boutique');
    expect(p.num_follower).toBe([...t.sim.oa().followers.values()].filter((f) => f.is_follower).length);
    expect(t.sim.calls('/v2.0/oa/getoa')[0]!.headers['access_token']).toMatch(/^sbx_at_/);
  });

  it('reads getoa\'s `oaid` (ZALO_API.md §2) and the package fields', async () => {
    const p = await t.ok('oa_get_profile');
    expect(p).toMatchObject({ oa_id: t.sim.oa().account.oaId, package_name: 'Nâng cao' });
  });

  it('also reads `oa_id` (one community type), and fails loudly when neither is there', () => {
    expect(oaProfileSchema.parse({ oa_id: 123, name: 'A' })).toMatchObject({ oa_id: '123', name: 'A' });
    expect(oaProfileSchema.parse({ oaid: '456', name: 'B' })).toMatchObject({ oa_id: '456' });
    expect(oaProfileSchema.safeParse({ name: 'C' }).success).toBe(false);
  });

  it('acts on another configured OA by alias', async () => {
    const p = await t.ok('oa_get_profile', { oa: 'branch' });
    expect(p.name).toContain('Đà Nẵng');
  });

  it('turns a Zalo error into an actionable message', async () => {
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -204, message: 'OA was disabled' });
    const text = await t.fail('oa_get_profile');
    expect(text).toBe('Get OA profile failed: OA was disabled (Zalo error -204). This OA was disabled or deleted on Zalo; nothing can be sent from it.');
  });
});
