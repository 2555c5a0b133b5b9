import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowOf } from '../../../src/sandbox/seed/index.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('oa_get_quota', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const userIn = (w: string) => [...t.sim.oa().followers.values()].find((_, i) => windowOf(i) === w)!;

  it('reports free replies left in the 48 h window and promotion limits from the follower state', async () => {
    const f = userIn('within_48h');
    f.cs_used_in_window = 3;
    f.promotion_month = 1;
    const q = await t.ok('oa_get_quota', { user_id: f.user_id });
    expect(q).toEqual({
      user_id: f.user_id,
      last_interaction_at: new Date(Math.round(f.last_interaction_ms)).toISOString(),
      cs_free_remaining: 5,
      cs_free_total: 8,
      promotion_daily_remaining: 1,
      promotion_monthly_remaining: 3,
    });
    expect(t.sim.calls('/v3.0/oa/quota/message')[0]!.body).toEqual({ user_id: f.user_id });
  });

  it('has no free replies outside the 48 h window', async () => {
    const q = await t.ok('oa_get_quota', { user_id: userIn('within_7d').user_id });
    expect(q).toMatchObject({ cs_free_remaining: 0, cs_free_total: 8 });
  });

  it('is a read: it still runs in dry-run mode', async () => {
    await t.close();
    t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    const q = await t.ok('oa_get_quota', { user_id: userIn('within_48h').user_id });
    expect(q.cs_free_total).toBe(8);
  });

  it('passes on Zalo\'s error for an unknown user', async () => {
    const text = await t.fail('oa_get_quota', { user_id: '123456' });
    expect(text).toContain('user_id is invalid! (Zalo error -201)');
  });

  it('rejects a non-numeric user_id before calling Zalo', async () => {
    await t.fail('oa_get_quota', { user_id: 'abc' });
    expect(t.sim.calls('/v3.0/oa/quota/message')).toHaveLength(0);
  });
});
