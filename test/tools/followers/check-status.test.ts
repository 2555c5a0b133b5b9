import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { windowOf, type WindowState } from '../../../src/sandbox/seed/index.js';
import type { Follower } from '../../../src/sandbox/state.js';
import { CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, isVietnamNight, PROMOTION_DAILY_LIMIT, PROMOTION_MONTHLY_LIMIT } from '../../../src/zalo/rules.js';
import { createTestContext, type TestContext } from '../../harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('followers_check_status', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  /** The first seeded follower in a window state (restricted users skipped). */
  const inWindow = (w: WindowState, pred: (f: Follower) => boolean = () => true) =>
    [...t.sim.oa().followers.values()].find((f, i) => windowOf(i) === w && !f.restricted && pred(f))!;

  it('inside 48 h: free replies left, with the window end from the simulator', async () => {
    const f = inWindow('within_48h');
    f.cs_used_in_window = 3;
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    const last = Math.round(f.last_interaction_ms);
    expect(s).toMatchObject({ following_status: 'following', user_id: f.user_id, last_user_activity_time: iso(last) });
    expect(s.can_send_consultation_message).toEqual({
      value: true, reason: `free window open until ${iso(last + CS_FREE_WINDOW_MS)}, 5 of 8 free replies left`, expired_time: iso(last + CS_FREE_WINDOW_MS), free_remain: 5,
    });
    expect(s.can_send_transaction_message.value).toBe(true);
    expect(s.can_call_zcc_by_zalo_id.value).toBe(true);
    expect(s.can_send_promotion_message.value).toBe(!isVietnamNight(Date.now()));
    expect(t.sim.calls('/v3.0/oa/quota/message')[0]!.body).toEqual({ user_id: f.user_id });
  });

  it('2-7 days: free window closed, paid quota until 7 days', async () => {
    const f = inWindow('within_7d');
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    const last = Math.round(f.last_interaction_ms);
    expect(s.can_send_consultation_message).toMatchObject({ value: true, free_remain: 0, expired_time: iso(last + CS_MAX_WINDOW_MS) });
    expect(s.can_send_consultation_message.reason).toBe(`free window closed at ${iso(last + CS_FREE_WINDOW_MS)}; until ${iso(last + CS_MAX_WINDOW_MS)} replies use the OA's paid consultation quota`);
  });

  it('older than 7 days: expired, with the time it expired', async () => {
    const f = inWindow('expired');
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.following_status).toBe('following');
    expect(s.can_send_consultation_message.value).toBe(false);
    expect(s.can_send_consultation_message.reason).toContain(`window expired at ${iso(Math.round(f.last_interaction_ms) + CS_MAX_WINDOW_MS)}`);
    expect(s.can_send_transaction_message.value).toBe(true);
  });

  it('unfollowed: not a follower; ZNS still possible with the shared phone', async () => {
    const f = inWindow('unfollowed', (x) => !!x.shared_info?.phone);
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.following_status).toBe('not_following');
    for (const k of ['can_send_consultation_message', 'can_send_transaction_message', 'can_send_promotion_message']) {
      expect(s[k].value).toBe(false);
      expect(s[k].reason).toContain('not a follower');
    }
    expect(s.can_call_zcc_by_phone.reason).toContain('not a follower');
    expect(s.phone).toBe(f.shared_info!.phone);
    expect(s.can_send_zns).toEqual({ value: true, reason: expect.stringContaining(`phone ${f.shared_info!.phone} known, 487 of 500 ZNS left today`) });
  });

  it('no phone known: ZNS impossible, says how to get one', async () => {
    const f = inWindow('within_48h', (x) => !x.shared_info);
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.phone).toBeNull();
    expect(s.can_send_zns).toEqual({ value: false, reason: expect.stringContaining('messages_send_request_info') });
  });

  it('finds the follower by phone in any accepted form', async () => {
    const f = inWindow('within_48h', (x) => !!x.shared_info?.phone);
    const p = f.shared_info!.phone!;
    const s = await t.ok('followers_check_status', { phone: `+84 ${p.slice(2, 5)} ${p.slice(5)}` });
    expect(s).toMatchObject({ following_status: 'following', user_id: f.user_id, phone: p });
    expect(s.can_send_consultation_message.value).toBe(true);
  });

  it('a phone no follower has: unknown_phone, only ZNS can be true', async () => {
    expect([...t.sim.oa().followers.values()].some((f) => f.shared_info?.phone === '84399999999')).toBe(false);
    const s = await t.ok('followers_check_status', { phone: '0399999999' });
    expect(s).toMatchObject({ following_status: 'unknown_phone', user_id: null, last_user_activity_time: null, phone: '84399999999' });
    expect(s.can_send_zns.value).toBe(true);
    for (const k of ['can_send_consultation_message', 'can_send_transaction_message', 'can_send_promotion_message', 'can_call_zcc_by_phone', 'can_call_zcc_by_zalo_id']) {
      expect(s[k]).toMatchObject({ value: false, reason: expect.stringContaining('no follower of this OA has this phone') });
    }
  });

  it('ZNS quota used up: can_send_zns false with the reason', async () => {
    znsState(t.sim.oa(), t.sim.state).remainingQuota = 0;
    const s = await t.ok('followers_check_status', { phone: '0399999999' });
    expect(s.can_send_zns).toEqual({ value: false, reason: 'the OA\'s daily ZNS quota is used up (0 of 500 left); it resets tomorrow' });
  });

  it('inside 48 h with every free reply used: paid quota until 7 days', async () => {
    const f = inWindow('within_48h');
    f.cs_used_in_window = 8;
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    const end = iso(Math.round(f.last_interaction_ms) + CS_MAX_WINDOW_MS);
    expect(s.can_send_consultation_message).toEqual({
      value: true, reason: `all 8 free replies used; until ${end} replies use the OA's paid consultation quota`, expired_time: end, free_remain: 0,
    });
  });

  it('an unknown user_id is Zalo\'s error', async () => {
    expect(await t.fail('followers_check_status', { user_id: '1234567' })).toContain('(Zalo error -201)');
  });

  it('needs exactly one of user_id or phone, and calls nothing otherwise', async () => {
    expect(await t.fail('followers_check_status', {})).toContain('give exactly one of user_id or phone');
    expect(await t.fail('followers_check_status', { user_id: '123', phone: '0912345678' })).toContain('give exactly one of user_id or phone');
    expect(await t.fail('followers_check_status', { phone: '0012345678' })).toContain('0912345678, +84912345678 or 84912345678');
    expect(t.sim.requests.filter((r) => r.family !== 'oauth')).toHaveLength(0);
  });
});

/** The promotion rules depend on the Vietnam clock: pin it (Date only; the seed follows it). */
describe('followers_check_status: promotion by time of day', () => {
  const at = async (utcHour: number, run: (t: TestContext, f: Follower) => Promise<void>) => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 25, utcHour, 0) });
    const t = await createTestContext();
    try {
      const f = [...t.sim.oa().followers.values()].find((x, i) => windowOf(i) === 'within_48h' && !x.restricted)!;
      await run(t, f);
    } finally {
      await t.close();
      vi.useRealTimers();
    }
  };

  it('23:00 Vietnam time: no promotions, until 06:00', () => at(16, async (t, f) => {
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.can_send_promotion_message).toEqual({ value: false, reason: `22:00–06:00 Vietnam time: promotions wait until ${iso(Date.UTC(2026, 10, 25, 23, 0))}` });
    expect(s.can_send_transaction_message.value).toBe(true);
  }));

  it('10:00 Vietnam time: allowed with the per-user limits, refused once today\'s is used', () => at(3, async (t, f) => {
    f.promotion_today = 0;
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.can_send_promotion_message.value).toBe(true);
    expect(s.can_send_promotion_message.reason).toMatch(new RegExp(`^${PROMOTION_DAILY_LIMIT} of ${PROMOTION_DAILY_LIMIT} promotions left today, \\d of ${PROMOTION_MONTHLY_LIMIT} this month$`));
    f.promotion_today = PROMOTION_DAILY_LIMIT;
    const after = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(after.can_send_promotion_message).toEqual({ value: false, reason: `daily promotion limit for this user reached (${PROMOTION_DAILY_LIMIT} per day)` });
  }));
});
