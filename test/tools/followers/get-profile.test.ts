import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('followers_get_profile', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('returns the trimmed profile with the phone as a string and dates as YYYY-MM-DD', async () => {
    const f = [...t.sim.oa().followers.values()].find((x) => x.shared_info && x.tags.size > 0)!;
    f.notes.push('Thích màu xanh');
    const p = await t.ok('followers_get_profile', { user_id: f.user_id });
    const [dd, mm, yyyy] = f.shared_info!.user_dob!.split('/');
    expect(p).toMatchObject({
      user_id: f.user_id,
      display_name: f.display_name,
      is_follower: f.is_follower,
      tags: [...f.tags],
      notes: ['Thích màu xanh'],
      shared_info: { name: f.shared_info!.name, phone: f.shared_info!.phone, city: f.shared_info!.city, birthday: `${yyyy}-${mm}-${dd}` },
    });
    expect(typeof p.shared_info.phone).toBe('string');
    expect(p.last_interaction_date).toBe(new Date(f.last_interaction_ms + 7 * 3_600_000).toISOString().slice(0, 10));
    expect(t.sim.calls('/v3.0/oa/user/detail')[0]!.data).toEqual({ user_id: f.user_id });
  });

  it('leaves shared_info out when the user shared nothing', async () => {
    const f = [...t.sim.oa().followers.values()].find((x) => !x.shared_info)!;
    expect(await t.ok('followers_get_profile', { user_id: f.user_id })).not.toHaveProperty('shared_info');
  });

  it('passes on Zalo\'s -201 for an unknown user', async () => {
    expect(await t.fail('followers_get_profile', { user_id: '42' })).toContain('user_id is invalid! (Zalo error -201)');
  });

  it('rejects a malformed user_id before calling Zalo', async () => {
    await t.fail('followers_get_profile', { user_id: '12ab' });
    expect(t.sim.calls('/v3.0/oa/user/detail')).toHaveLength(0);
  });
});
