/**
 * computeUserStatus against ZALO_API.md §3 "Windows" with a fixed clock. Expectations are literal
 * times worked out by hand from the sheet (48 h free, 7 days paid, night 22:00–06:00 Vietnam time),
 * never computed from the constants under test.
 */
import { describe, expect, it } from 'vitest';
import { bothTimes, isVietnamNight, nextVietnamMorning, vnTime } from '../../src/zalo/rules.js';
import { computeUserStatus, parseInteractionDate, type StatusFacts } from '../../src/zalo/status.js';

/** 10:00 on 25/11/2026 in Vietnam (03:00 UTC). */
const DAY_TIME = Date.UTC(2026, 10, 25, 3, 0);
/** 23:00 on 25/11/2026 in Vietnam (16:00 UTC). */
const NIGHT = Date.UTC(2026, 10, 25, 16, 0);
const HOUR = 3_600_000;
const facts = (over: Partial<StatusFacts> & { last?: number } = {}): StatusFacts => {
  const { last = Date.UTC(2026, 10, 25, 0, 0), ...rest } = over;
  return {
    now: DAY_TIME,
    follower: { user_id: '4000000000000000001', is_follower: true, last_interaction_ms: last },
    quota: {},
    phone: '84912345678',
    zns: { remaining: 10, daily: 500 },
    call: { state: 'not_requested' },
    ...rest,
  };
};

describe('Vietnam time', () => {
  it('shows both clocks', () => {
    expect(vnTime(DAY_TIME)).toBe('2026-11-25T10:00:00+07:00');
    expect(bothTimes(Date.UTC(2026, 10, 26, 20, 30))).toBe('03:30 27/11 Vietnam time (2026-11-26T20:30:00.000Z)');
  });

  it('night is 22:00 to 05:59 Vietnam time; it ends at 06:00', () => {
    expect(isVietnamNight(Date.UTC(2026, 10, 25, 14, 59))).toBe(false); // 21:59
    expect(isVietnamNight(Date.UTC(2026, 10, 25, 15, 0))).toBe(true); // 22:00
    expect(isVietnamNight(Date.UTC(2026, 10, 25, 22, 59))).toBe(true); // 05:59
    expect(isVietnamNight(Date.UTC(2026, 10, 25, 23, 0))).toBe(false); // 06:00
    expect(nextVietnamMorning(NIGHT)).toBe(Date.UTC(2026, 10, 25, 23, 0));
    expect(nextVietnamMorning(Date.UTC(2026, 10, 25, 23, 0))).toBe(Date.UTC(2026, 10, 25, 23, 0));
  });
});

describe('computeUserStatus: consultation (free ≤ 48 h, paid to 7 days, then closed)', () => {
  it('3 h after the last interaction: free and unlimited when Zalo reports no cs_reply', () => {
    const s = computeUserStatus(facts());
    expect(s.following_status).toBe('following');
    expect(s.last_user_activity_time).toBe('2026-11-25T00:00:00.000Z');
    expect(s.last_user_activity_time_vn).toBe('2026-11-25T07:00:00+07:00');
    expect(s.can_send_consultation_message).toEqual({
      value: true,
      reason: 'free until 07:00 27/11 Vietnam time (2026-11-27T00:00:00.000Z) (48 h after the last interaction); free replies are unlimited',
      cost: 'free', expired_time: '2026-11-27T00:00:00.000Z', expired_time_vn: '2026-11-27T07:00:00+07:00',
    });
    expect(s.cheapest_way).toEqual({ way: 'consultation_free', tool: 'messages_send_text', reason: 'a consultation reply is free until 07:00 27/11 Vietnam time (2026-11-27T00:00:00.000Z), at any hour' });
  });

  it('uses cs_reply only when Zalo returns it', () => {
    const left = computeUserStatus(facts({ quota: { cs_reply: { remain: 5, total: 8 } } })).can_send_consultation_message;
    expect(left).toMatchObject({ value: true, cost: 'free', free_remain: 5 });
    expect(left.reason).toMatch(/; 5 of 8 free replies left$/);
    const used = computeUserStatus(facts({ quota: { cs_reply: { remain: 0, total: 8 } } })).can_send_consultation_message;
    expect(used).toEqual({
      value: true,
      reason: 'all 8 free replies used; until 07:00 02/12 Vietnam time (2026-12-02T00:00:00.000Z) replies are paid (the OA\'s consultation quota)',
      cost: 'paid', expired_time: '2026-12-02T00:00:00.000Z', expired_time_vn: '2026-12-02T07:00:00+07:00', free_remain: 0,
    });
  });

  it('4 days after: paid until 7 days; still the cheapest way (no template needed)', () => {
    const s = computeUserStatus(facts({ last: Date.UTC(2026, 10, 21, 3, 0) }));
    expect(s.can_send_consultation_message).toEqual({
      value: true,
      reason: 'free window closed at 10:00 23/11 Vietnam time (2026-11-23T03:00:00.000Z); until 10:00 28/11 Vietnam time (2026-11-28T03:00:00.000Z) replies are paid (the OA\'s consultation quota)',
      cost: 'paid', expired_time: '2026-11-28T03:00:00.000Z', expired_time_vn: '2026-11-28T10:00:00+07:00',
    });
    expect(s.cheapest_way.way).toBe('consultation_paid');
  });

  it('exactly 48 h after: paid; exactly 7 days after: closed', () => {
    expect(computeUserStatus(facts({ last: DAY_TIME - 48 * HOUR })).can_send_consultation_message.cost).toBe('paid');
    const closed = computeUserStatus(facts({ last: DAY_TIME - 7 * 24 * HOUR })).can_send_consultation_message;
    expect(closed.value).toBe(false);
  });

  it('12 days after: closed (-230); the cheapest way is a template by user_id, never a UID transaction message', () => {
    const s = computeUserStatus(facts({ last: Date.UTC(2026, 10, 13, 3, 0) }));
    expect(s.can_send_consultation_message).toEqual({
      value: false,
      reason: 'closed since 10:00 20/11 Vietnam time (2026-11-20T03:00:00.000Z), 7 days after the last interaction (Zalo answers -230); send a template by user_id',
      expired_time: '2026-11-20T03:00:00.000Z', expired_time_vn: '2026-11-20T10:00:00+07:00',
    });
    expect(s.can_send_template_by_user_id).toEqual({ value: true, reason: 'an approved template by user_id (zns_send with user_id; priced price_uid, usually below price_sdt)' });
    expect(s.cheapest_way).toEqual({ way: 'template_by_user_id', tool: 'zns_send', reason: 'consultation is closed; a template by user_id is usually cheaper than by phone' });
    expect(JSON.stringify(s)).not.toMatch(/transaction message|promotion message|messages_send_transaction/);
  });

  it('no interaction on record: closed', () => {
    const s = computeUserStatus(facts({ follower: { user_id: '1', is_follower: true } }));
    expect(s.can_send_consultation_message).toEqual({ value: false, reason: 'no interaction on record: the user must message the OA first' });
    expect(s.last_user_activity_time).toBeUndefined();
  });
});

describe('computeUserStatus: night window per message type', () => {
  it('23:00 Vietnam time: consultation still free; promotion-tagged templates wait until 06:00, transaction ones go silently', () => {
    const s = computeUserStatus(facts({ now: NIGHT, last: Date.UTC(2026, 10, 25, 12, 0) }));
    expect(s.can_send_consultation_message).toMatchObject({ value: true, cost: 'free' });
    expect(s.cheapest_way.way).toBe('consultation_free');
    const night = '; it is night in Vietnam: promotion-tagged templates are refused until 06:00 26/11 Vietnam time (2026-11-25T23:00:00.000Z) (-234), transaction and care templates arrive without a push';
    expect(s.can_send_template_by_user_id.reason).toBe(`an approved template by user_id (zns_send with user_id; priced price_uid, usually below price_sdt)${night}`);
    expect(s.can_send_template_by_phone.reason).toBe(`phone 84912345678 known, 10 of 500 left today; an approved template by phone (zns_send with phone, priced price_sdt)${night}`);
  });
});

describe('computeUserStatus: followers, phones, calls', () => {
  it('a user who unfollowed: only a template by phone', () => {
    const s = computeUserStatus(facts({ follower: { user_id: '1', is_follower: false, last_interaction_ms: DAY_TIME - HOUR } }));
    expect(s.following_status).toBe('not_following');
    expect(s.can_send_consultation_message).toEqual({ value: false, reason: 'the user unfollowed the OA (Zalo answers -213)' });
    expect(s.can_send_template_by_user_id.value).toBe(false);
    expect(s.can_send_template_by_phone.value).toBe(true);
    expect(s.cheapest_way).toEqual({ way: 'template_by_phone', tool: 'zns_send', reason: 'only a template by phone reaches this user (not a follower)' });
  });

  it('a phone no follower has: unknown_phone, only a template by phone', () => {
    const s = computeUserStatus({ now: DAY_TIME, phone: '84399999999', zns: { remaining: 3, daily: 500 } });
    expect(s.following_status).toBe('unknown_phone');
    expect(s.can_send_template_by_phone).toEqual({ value: true, reason: 'phone 84399999999 known, 3 of 500 left today; an approved template by phone (zns_send with phone, priced price_sdt)' });
    expect([s.can_send_consultation_message.value, s.can_send_template_by_user_id.value, s.can_call.value]).toEqual([false, false, false]);
    expect(s.cheapest_way.reason).toBe('only a template by phone reaches this user (no follower has this phone)');
  });

  it('nothing reaches a user who unfollowed and shared no phone', () => {
    const s = computeUserStatus(facts({ phone: undefined, follower: { user_id: '1', is_follower: false } }));
    expect(s.cheapest_way).toEqual({ way: 'none', tool: null, reason: 'nothing reaches this user now: no phone number known: pass phone, or ask the user to share it (messages_send_request_info)' });
  });

  it('template by phone: refused when the daily quota is used up', () => {
    expect(computeUserStatus(facts({ zns: { remaining: 0, daily: 500 } })).can_send_template_by_phone)
      .toEqual({ value: false, reason: 'the OA\'s daily template quota is used up (0 of 500 left); it resets tomorrow' });
  });

  it('can_call follows the consent state', () => {
    const until = Date.UTC(2026, 11, 25, 3, 0);
    expect(computeUserStatus(facts({ call: { state: 'granted', expires_at: until } })).can_call).toEqual({ value: true, reason: 'the user granted call permission until 2026-12-25T03:00:00.000Z' });
    expect(computeUserStatus(facts({ call: { state: 'granted', expires_at: DAY_TIME - 1 } })).can_call.value).toBe(false);
    expect(computeUserStatus(facts({ call: { state: 'pending' } })).can_call.reason).toContain('waiting');
    expect(computeUserStatus(facts({ call: undefined })).can_call).toEqual({ value: false, reason: 'call permission could not be checked' });
  });
});

describe('parseInteractionDate', () => {
  it('reads dd/MM/yyyy as the start of that day in Vietnam', () => {
    expect(parseInteractionDate('25/11/2026')).toBe(Date.UTC(2026, 10, 24, 17, 0));
    expect(parseInteractionDate('2026-11-25')).toBeUndefined();
    expect(parseInteractionDate(undefined)).toBeUndefined();
  });
});
