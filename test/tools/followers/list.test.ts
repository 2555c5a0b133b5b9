import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src/zalo/rules.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('followers_list', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const all = () => [...t.sim.oa().followers.values()];

  it('pages through every user with next_offset', async () => {
    const first = await t.ok('followers_list', { count: 50 });
    expect(first.total).toBe(all().length);
    expect(first.items).toEqual(all().slice(0, 50).map((f) => f.user_id));
    expect(first.next_offset).toBe(50);
    const last = await t.ok('followers_list', { offset: 200, count: 50 });
    expect(last.items).toHaveLength(all().length - 200);
    expect(last.next_offset).toBeNull();
  });

  it('filters by tag and follow state like the simulator state', async () => {
    const vip = all().filter((f) => f.tags.has('VIP') && f.is_follower);
    const r = await t.ok('followers_list', { tag: 'VIP', is_follower: true, count: 50 });
    expect(r.total).toBe(vip.length);
    expect(r.items).toEqual(vip.slice(0, 50).map((f) => f.user_id));
    expect(t.sim.calls('/v3.0/oa/user/getlist')[0]!.data).toEqual({ offset: 0, count: 50, tag_name: 'VIP', is_follower: true });
    const gone = await t.ok('followers_list', { is_follower: false });
    expect(gone.total).toBe(all().filter((f) => !f.is_follower).length);
  });

  it('filters by last interaction period, presets and date ranges (Vietnam time)', async () => {
    const now = Date.now();
    const [a, b] = all();
    a!.last_interaction_ms = now - 60_000;
    b!.last_interaction_ms = now - 40 * 24 * HOUR_MS;
    const l7 = await t.ok('followers_list', { last_interaction_period: 'L7D', count: 50 });
    expect(l7.items).toContain(a!.user_id);
    expect(l7.items).not.toContain(b!.user_id);
    const day = new Date(b!.last_interaction_ms + 7 * HOUR_MS).toISOString().slice(0, 10);
    const range = await t.ok('followers_list', { last_interaction_period: `${day}:${day}`, count: 50 });
    expect(range.items).toContain(b!.user_id);
    expect(t.sim.calls('/v3.0/oa/user/getlist')[1]!.data.last_interaction_period).toBe(`${day.replaceAll('-', '_')}:${day.replaceAll('-', '_')}`);
  });

  it('passes on a Zalo error', async () => {
    t.sim.failNext({ path: '/v3.0/oa/user/getlist', code: -223, message: 'OA has not authorized this API' });
    expect(await t.fail('followers_list')).toContain('(Zalo error -223)');
  });

  it('rejects count 51, an unknown period and a reversed range before calling Zalo', async () => {
    await t.fail('followers_list', { count: 51 });
    await t.fail('followers_list', { last_interaction_period: 'LAST_WEEK' });
    expect(await t.fail('followers_list', { last_interaction_period: '2026_03_10:2026_02_31' })).toContain('not a valid date range');
    expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(0);
  });
});
