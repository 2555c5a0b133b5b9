/**
 * followers_sync on an OA larger than Zalo's user/getlist reaches by offset (9,951): paged by
 * last_interaction_period date windows. The cap is lowered to 951 in both the simulator and the
 * client so 1,500 followers stand for the real ~10,000+ (bench/followers-sync.mjs runs real size).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { storeFor } from '../../../src/store/index.js';
import { createTestContext, type TestContext } from '../../harness.js';

const CAP = 951;
const COUNT = 1_500;
const DAY_MS = 86_400_000;

async function bigOa(): Promise<TestContext> {
  const t = await createTestContext({ sandbox: { followers: COUNT, maxListOffset: CAP }, client: { maxListOffset: CAP } });
  // 900 users active today, 200 yesterday, the rest spread over the 300 days before: the first
  // windows hold more than the 1,000 offsets reach and are halved down to today alone.
  const now = t.sim.state.now();
  [...t.sim.oa().followers.values()].forEach((f, i) => {
    f.last_interaction_ms = i < 900 ? now - 60_000 : i < 1_100 ? now - DAY_MS : now - (2 + ((i - 1_100) % 300)) * DAY_MS;
  });
  return t;
}

const maxOffset = (t: TestContext) => Math.max(...t.sim.calls('/user/getlist').map((r) => Number(r.data.offset ?? 0)));
const ids = (t: TestContext) => [...t.sim.oa().followers.keys()].sort();

async function indexedIds(t: TestContext): Promise<string[]> {
  const store = await storeFor(t.config);
  const out: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.searchFollowers({ oa: 'shop', offset, count: 500 });
    out.push(...page.items.map((f) => f.userId));
    if (page.items.length < 500) return out.sort();
  }
}

describe('follower sync past the list offset cap', () => {
  let t: TestContext | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('the simulator refuses an offset above the cap with -201', async () => {
    t = await createTestContext({ sandbox: { maxListOffset: 100 } });
    const text = await t.fail('followers_list', { offset: 150, count: 50 });
    expect(text).toMatch(/offset/);
    expect(t.sim.calls('/user/getlist').at(-1)!.error).toBe(-201);
  });

  it('syncs every follower of an OA larger than offsets reach, by date windows', async () => {
    t = await bigOa();
    const result = await t.ok('followers_sync');
    expect(result).toMatchObject({ mode: 'full', followers_listed: COUNT, profiles_read: COUNT, remaining: 0, index_size: COUNT });
    expect(maxOffset(t)).toBeLessThanOrEqual(CAP);
    expect(t.sim.calls('/user/getlist').every((r) => r.error === 0)).toBe(true);
    const periods = t.sim.calls('/user/getlist').map((r) => String(r.data.last_interaction_period ?? ''));
    expect(periods.some((p) => /^(\d{4}_\d\d_\d\d):\1$/.test(p))).toBe(true);
    expect(await indexedIds(t)).toEqual(ids(t));
    expect((await (await storeFor(t.config)).getSync('shop'))).toMatchObject({ phase: 'done' });
  });

  it('resumes a sync interrupted inside a date window and ends with the same index', async () => {
    t = await bigOa();
    // Fail one list call well into the windowed listing (a few windows and pages in).
    const followers = t.sim.oa().followers;
    const values = followers.values.bind(followers);
    let listed = 0;
    followers.values = () => {
      if (++listed === 12) t!.sim.failNext({ path: '/user/getlist', code: -201, message: 'offset is invalid!' });
      return values();
    };
    await t.fail('followers_sync');
    const state = await (await storeFor(t.config)).getSync('shop');
    expect(state).toMatchObject({ phase: 'list', window: expect.any(Object) });
    expect((state!.windowed ?? 0) + state!.window!.offset).toBeGreaterThan(0);

    const result = await t.ok('followers_sync');
    expect(result).toMatchObject({ resumed: true, remaining: 0, index_size: COUNT });
    expect(maxOffset(t)).toBeLessThanOrEqual(CAP);
    expect(await indexedIds(t)).toEqual(ids(t));
  });

  it('lists a single day beyond what offsets reach in two parts, followers then non-followers', async () => {
    t = await createTestContext({ sandbox: { followers: COUNT, maxListOffset: CAP }, client: { maxListOffset: CAP } });
    // 1,400 users active today (more than the 1,000 offsets reach), half of them no longer following.
    const now = t.sim.state.now();
    [...t.sim.oa().followers.values()].forEach((f, i) => {
      f.last_interaction_ms = i < 1_400 ? now - 60_000 : now - (2 + (i % 50)) * DAY_MS;
      if (i < 1_400 && i % 2 === 1) f.is_follower = false;
    });
    const result = await t.ok('followers_sync');
    expect(result).toMatchObject({ followers_listed: COUNT, remaining: 0, index_size: COUNT });
    expect(await indexedIds(t)).toEqual(ids(t));
    expect(maxOffset(t)).toBeLessThanOrEqual(CAP);
    const oneDay = t.sim.calls('/user/getlist').filter((r) => /^(\d{4}_\d\d_\d\d):\1$/.test(String(r.data.last_interaction_period ?? '')));
    expect(new Set(oneDay.map((r) => r.data.is_follower))).toEqual(new Set([undefined, true, false]));
    expect(t.sim.calls('/user/getlist').every((r) => r.error === 0)).toBe(true);
  });
});
