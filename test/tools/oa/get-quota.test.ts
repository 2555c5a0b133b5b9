import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowOf } from '../../../src/sandbox/seed/index.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('oa_get_quota', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const userIn = (w: string) => [...t.sim.oa().followers.values()].find((_, i) => windowOf(i) === w)!;

  it('reports the last interaction in UTC and Vietnam time, and no free-reply count (unlimited since 2026)', async () => {
    const f = userIn('within_48h');
    f.last_interaction_ms = Date.UTC(2026, 10, 25, 3, 0);
    f.cs_used_in_window = 3;
    const q = await t.ok('oa_get_quota', { user_id: f.user_id });
    expect(q).toEqual({ user_id: f.user_id, last_interaction_at: '2026-11-25T03:00:00.000Z', last_interaction_at_vn: '2026-11-25T10:00:00+07:00' });
    expect(t.sim.calls('/v3.0/oa/quota/message')[0]!.body).toEqual({ user_id: f.user_id });
  });

  it('is a read: it still runs in dry-run mode', async () => {
    await t.close();
    t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    const q = await t.ok('oa_get_quota', { user_id: userIn('within_48h').user_id });
    expect(q.last_interaction_at).toMatch(/Z$/);
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
