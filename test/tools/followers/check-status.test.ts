/**
 * followers_check_status through the MCP client against the simulator, on a fixed clock (Date
 * only). Every expected value is a literal from ZALO_API.md §3 worked out by hand for that clock:
 * free ≤ 48 h (unlimited since 2026-01-01), paid to 7 days, templates afterwards, night rules.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { windowOf, type WindowState } from '../../../src/sandbox/seed/index.js';
import type { Follower } from '../../../src/sandbox/state.js';
import { createTestContext, type TestContext } from '../../harness.js';

/** 10:00 on 25/11/2026, Vietnam time. */
const DAY_TIME = Date.UTC(2026, 10, 25, 3, 0);

describe('followers_check_status', () => {
  let t: TestContext;
  const start = async (now: number) => {
    vi.useFakeTimers({ toFake: ['Date'], now });
    t = await createTestContext();
  };
  beforeEach(() => start(DAY_TIME));
  afterEach(async () => {
    await t.close();
    vi.useRealTimers();
  });
  /** The first seeded follower in a window state (restricted users skipped), last seen at `last`. */
  const user = (w: WindowState, last?: number, pred: (f: Follower) => boolean = () => true) => {
    const f = [...t.sim.oa().followers.values()].find((x, i) => windowOf(i) === w && !x.restricted && pred(x))!;
    if (last !== undefined) f.last_interaction_ms = last;
    return f;
  };

  it('3 h after the user wrote: consultation free and unlimited (Zalo reports no cs_reply), cheapest way', async () => {
    const f = user('within_48h', Date.UTC(2026, 10, 25, 0, 0));
    f.cs_used_in_window = 12; // more than the old 8-reply cap: no longer counted
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s).toMatchObject({ following_status: 'following', user_id: f.user_id, last_user_activity_time: '2026-11-25T00:00:00.000Z', last_user_activity_time_vn: '2026-11-25T07:00:00+07:00' });
    expect(s.can_send_consultation_message).toEqual({
      value: true,
      reason: 'free until 07:00 27/11 Vietnam time (2026-11-27T00:00:00.000Z) (48 h after the last interaction); free replies are unlimited',
      cost: 'free', expired_time: '2026-11-27T00:00:00.000Z', expired_time_vn: '2026-11-27T07:00:00+07:00', free_remain: null,
    });
    expect(s.cheapest_way).toEqual({ way: 'consultation_free', tool: 'messages_send_text', reason: 'a consultation reply is free until 07:00 27/11 Vietnam time (2026-11-27T00:00:00.000Z), at any hour' });
    expect(t.sim.calls('/v3.0/oa/quota/message')[0]!.body).toEqual({ user_id: f.user_id });
    expect(Object.keys(s)).not.toContain('can_send_transaction_message');
  });

  it('4 days after: paid until day 7', async () => {
    const f = user('within_7d', Date.UTC(2026, 10, 21, 3, 0));
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.can_send_consultation_message).toMatchObject({ value: true, cost: 'paid', expired_time: '2026-11-28T03:00:00.000Z', expired_time_vn: '2026-11-28T10:00:00+07:00' });
    expect(s.cheapest_way.way).toBe('consultation_paid');
  });

  it('12 days after: consultation closed; a template by user_id, never a UID transaction message', async () => {
    const f = user('expired', Date.UTC(2026, 10, 13, 3, 0));
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.can_send_consultation_message).toMatchObject({ value: false, cost: null, expired_time: '2026-11-20T03:00:00.000Z' });
    expect(s.can_send_template_by_user_id).toEqual({ value: true, reason: 'an approved template by user_id (zns_send with user_id; priced price_uid, usually below price_sdt)' });
    expect(s.cheapest_way).toEqual({ way: 'template_by_user_id', tool: 'zns_send', reason: 'consultation is closed; a template by user_id is usually cheaper than by phone' });
    expect(JSON.stringify(s)).not.toContain('transaction message');
  });

  it('unfollowed: only a template by phone, with the shared phone', async () => {
    const f = user('unfollowed', undefined, (x) => !!x.shared_info?.phone);
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.following_status).toBe('not_following');
    expect(s.can_send_consultation_message.reason).toBe('the user unfollowed the OA (Zalo answers -213)');
    expect(s.can_send_template_by_user_id.value).toBe(false);
    expect(s.phone).toBe(f.shared_info!.phone);
    expect(s.can_send_template_by_phone).toEqual({ value: true, reason: `phone ${f.shared_info!.phone} known, 487 of 500 left today; an approved template by phone (zns_send with phone, priced price_sdt)` });
    expect(s.cheapest_way.way).toBe('template_by_phone');
  });

  it('no phone known: template by phone impossible, says how to get one', async () => {
    const f = user('within_48h', undefined, (x) => !x.shared_info);
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.phone).toBeNull();
    expect(s.can_send_template_by_phone).toEqual({ value: false, reason: expect.stringContaining('messages_send_request_info') });
  });

  it('finds the follower by phone in any accepted form', async () => {
    const f = user('within_48h', Date.UTC(2026, 10, 25, 0, 0), (x) => !!x.shared_info?.phone);
    const p = f.shared_info!.phone!;
    const s = await t.ok('followers_check_status', { phone: `+84 ${p.slice(2, 5)} ${p.slice(5)}` });
    expect(s).toMatchObject({ following_status: 'following', user_id: f.user_id, phone: p });
    expect(s.can_send_consultation_message.cost).toBe('free');
  });

  it('a phone no follower has: unknown_phone, only a template by phone', async () => {
    const s = await t.ok('followers_check_status', { phone: '0399999999' });
    expect(s).toMatchObject({ following_status: 'unknown_phone', user_id: null, last_user_activity_time: null, phone: '84399999999' });
    expect(s.can_send_template_by_phone.value).toBe(true);
    for (const k of ['can_send_consultation_message', 'can_send_template_by_user_id', 'can_call']) expect(s[k].value).toBe(false);
    expect(s.cheapest_way).toEqual({ way: 'template_by_phone', tool: 'zns_send', reason: 'only a template by phone reaches this user (no follower has this phone)' });
  });

  it('template quota used up: nothing reaches an unknown phone', async () => {
    znsState(t.sim.oa(), t.sim.state).remainingQuota = 0;
    const s = await t.ok('followers_check_status', { phone: '0399999999' });
    expect(s.can_send_template_by_phone).toEqual({ value: false, reason: 'the OA\'s daily template quota is used up (0 of 500 left); it resets tomorrow' });
    expect(s.cheapest_way.way).toBe('none');
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

  it('23:00 Vietnam time: consultation still open; promotion-tagged templates wait until 06:00, transaction ones go silently', async () => {
    await t.close();
    await start(Date.UTC(2026, 10, 25, 16, 0));
    const f = user('expired', Date.UTC(2026, 10, 13, 3, 0));
    const s = await t.ok('followers_check_status', { user_id: f.user_id });
    expect(s.cheapest_way).toEqual({
      way: 'template_by_user_id', tool: 'zns_send',
      reason: 'consultation is closed; a template by user_id is usually cheaper than by phone; it is night in Vietnam: promotion-tagged templates are refused until 06:00 26/11 Vietnam time (2026-11-25T23:00:00.000Z) (-234), transaction and care templates arrive without a push',
    });
    const g = user('within_48h', Date.UTC(2026, 10, 25, 12, 0));
    expect((await t.ok('followers_check_status', { user_id: g.user_id })).can_send_consultation_message).toMatchObject({ value: true, cost: 'free' });
  });
});
