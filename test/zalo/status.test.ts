import { describe, expect, it } from 'vitest';
import { CALL_CONSENT_VALID_MS, CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, DAY_MS, HOUR_MS, isVietnamNight, nextVietnamMorning } from '../../src/zalo/rules.js';
import { computeUserStatus, parseInteractionDate, type StatusFacts } from '../../src/zalo/status.js';

/** 10:00 in Vietnam (03:00 UTC). */
const DAY_TIME = Date.UTC(2026, 10, 25, 3, 0);
/** 23:00 in Vietnam (16:00 UTC). */
const NIGHT = Date.UTC(2026, 10, 25, 16, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const quota = (csRemain = 5, daily = 1, monthly = 3) => ({
  cs_reply: { remain: csRemain, total: 8 },
  promotion: { daily_remain: daily, daily_total: 1, monthly_remain: monthly, monthly_total: 4 },
});
const facts = (over: Partial<StatusFacts> & { agoMs?: number; follower?: StatusFacts['follower'] } = {}): StatusFacts => {
  const now = over.now ?? DAY_TIME;
  const { agoMs = 3 * HOUR_MS, ...rest } = over;
  return {
    now,
    follower: { user_id: '4000000000000000001', is_follower: true, last_interaction_ms: now - agoMs },
    quota: quota(),
    phone: '84912345678',
    zns: { remaining: 10, daily: 500 },
    call: { state: 'not_requested' },
    ...rest,
  };
};

describe('computeUserStatus: consultation window', () => {
  it('inside 48 h with free replies left: open, with the end of the free window and the count', () => {
    const f = facts({ agoMs: 3 * HOUR_MS });
    const s = computeUserStatus(f);
    const end = f.follower!.last_interaction_ms! + CS_FREE_WINDOW_MS;
    expect(s.following_status).toBe('following');
    expect(s.last_user_activity_time).toBe(iso(f.follower!.last_interaction_ms!));
    expect(s.can_send_consultation_message).toEqual({
      value: true, reason: `free window open until ${iso(end)}, 5 of 8 free replies left`, expired_time: iso(end), free_remain: 5,
    });
  });

  it('inside 48 h with the free replies used up: paid quota until 7 days', () => {
    const f = facts({ agoMs: 10 * HOUR_MS, quota: quota(0) });
    const s = computeUserStatus(f).can_send_consultation_message;
    const end = f.follower!.last_interaction_ms! + CS_MAX_WINDOW_MS;
    expect(s.value).toBe(true);
    expect(s.free_remain).toBe(0);
    expect(s.reason).toBe(`all 8 free replies used; until ${iso(end)} replies use the OA's paid consultation quota`);
    expect(s.expired_time).toBe(iso(end));
  });

  it('between 48 h and 7 days: open against the paid quota, expiring at 7 days', () => {
    const f = facts({ agoMs: 4 * DAY_MS, quota: quota(0) });
    const last = f.follower!.last_interaction_ms!;
    const s = computeUserStatus(f).can_send_consultation_message;
    expect(s.value).toBe(true);
    expect(s.reason).toBe(`free window closed at ${iso(last + CS_FREE_WINDOW_MS)}; until ${iso(last + CS_MAX_WINDOW_MS)} replies use the OA's paid consultation quota`);
    expect(s.expired_time).toBe(iso(last + CS_MAX_WINDOW_MS));
  });

  it('after 7 days: closed, saying when it expired', () => {
    const f = facts({ agoMs: 9 * DAY_MS });
    const s = computeUserStatus(f).can_send_consultation_message;
    expect(s.value).toBe(false);
    expect(s.reason).toContain(`window expired at ${iso(f.follower!.last_interaction_ms! + CS_MAX_WINDOW_MS)}`);
    expect(computeUserStatus(f).can_send_transaction_message.value).toBe(true);
  });

  it('exactly at 48 h the free window is closed', () => {
    const s = computeUserStatus(facts({ agoMs: CS_FREE_WINDOW_MS })).can_send_consultation_message;
    expect(s.reason).toMatch(/^free window closed at/);
  });

  it('no interaction on record: closed', () => {
    const s = computeUserStatus(facts({ follower: { user_id: '1', is_follower: true } }));
    expect(s.can_send_consultation_message.value).toBe(false);
    expect(s.can_send_consultation_message.reason).toContain('no interaction on record');
    expect(s.last_user_activity_time).toBeUndefined();
  });

  it('quota unknown inside 48 h: open without a count', () => {
    const s = computeUserStatus(facts({ quota: undefined })).can_send_consultation_message;
    expect(s.value).toBe(true);
    expect(s.free_remain).toBeUndefined();
    expect(s.reason).toMatch(/^free window open until [^,]+$/);
  });
});

describe('computeUserStatus: followers, promotions, ZNS, calls', () => {
  it('a user who unfollowed gets nothing but ZNS', () => {
    const s = computeUserStatus(facts({ follower: { user_id: '1', is_follower: false, last_interaction_ms: DAY_TIME - HOUR_MS }, quota: undefined }));
    expect(s.following_status).toBe('not_following');
    for (const k of ['can_send_consultation_message', 'can_send_transaction_message', 'can_send_promotion_message'] as const) {
      expect(s[k].value).toBe(false);
      expect(s[k].reason).toContain('not a follower');
    }
    expect(s.can_send_zns.value).toBe(true);
  });

  it('a phone no follower has: unknown_phone, only ZNS', () => {
    const s = computeUserStatus({ now: DAY_TIME, phone: '84399999999', zns: { remaining: 3, daily: 500 } });
    expect(s.following_status).toBe('unknown_phone');
    expect(s.can_send_zns).toEqual({ value: true, reason: expect.stringContaining('3 of 500 ZNS left today') });
    const others = [s.can_send_consultation_message, s.can_send_transaction_message, s.can_send_promotion_message, s.can_call_zcc_by_phone, s.can_call_zcc_by_zalo_id];
    expect(others.every((v) => v.value === false && v.reason.includes('no follower of this OA has this phone'))).toBe(true);
  });

  it('promotions: quiet hours 22:00–06:00 Vietnam time, with the next morning', () => {
    expect(isVietnamNight(NIGHT)).toBe(true);
    const s = computeUserStatus(facts({ now: NIGHT })).can_send_promotion_message;
    expect(s.value).toBe(false);
    expect(s.reason).toBe(`22:00–06:00 Vietnam time: promotions wait until ${iso(Date.UTC(2026, 10, 25, 23, 0))}`);
    expect(nextVietnamMorning(Date.UTC(2026, 10, 25, 20, 0))).toBe(Date.UTC(2026, 10, 25, 23, 0));
  });

  it('promotions: per-user daily and monthly limits', () => {
    expect(computeUserStatus(facts()).can_send_promotion_message).toEqual({ value: true, reason: '1 of 1 promotions left today, 3 of 4 this month' });
    expect(computeUserStatus(facts({ quota: quota(5, 0, 3) })).can_send_promotion_message.reason).toContain('daily promotion limit');
    expect(computeUserStatus(facts({ quota: quota(5, 1, 0) })).can_send_promotion_message.reason).toContain('monthly promotion limit');
  });

  it('ZNS needs a phone and quota left', () => {
    expect(computeUserStatus(facts({ phone: undefined })).can_send_zns).toEqual({ value: false, reason: expect.stringContaining('no phone number known') });
    expect(computeUserStatus(facts({ zns: { remaining: 0, daily: 500 } })).can_send_zns).toEqual({ value: false, reason: expect.stringContaining('used up (0 of 500 left)') });
    expect(computeUserStatus(facts({ zns: undefined })).can_send_zns.value).toBe(true);
  });

  it('calls by phone follow the consent state; by user_id the 30-day interaction', () => {
    const granted = computeUserStatus(facts({ call: { state: 'granted', expires_at: DAY_TIME + CALL_CONSENT_VALID_MS } }));
    expect(granted.can_call_zcc_by_phone).toEqual({ value: true, reason: `the user granted call permission until ${iso(DAY_TIME + CALL_CONSENT_VALID_MS)}` });
    expect(computeUserStatus(facts({ call: { state: 'granted', expires_at: DAY_TIME - 1 } })).can_call_zcc_by_phone.reason).toContain('expired at');
    expect(computeUserStatus(facts({ call: { state: 'pending' } })).can_call_zcc_by_phone.reason).toContain('waiting');
    expect(computeUserStatus(facts({ call: { state: 'not_requested' } })).can_call_zcc_by_phone.reason).toContain('calls_request_permission');
    expect(computeUserStatus(facts({ call: { state: 'rejected' } })).can_call_zcc_by_phone.value).toBe(false);
    expect(computeUserStatus(facts({ call: undefined })).can_call_zcc_by_phone.reason).toContain('could not be checked');
    expect(computeUserStatus(facts({ agoMs: 10 * DAY_MS })).can_call_zcc_by_zalo_id.value).toBe(true);
    expect(computeUserStatus(facts({ agoMs: 31 * DAY_MS })).can_call_zcc_by_zalo_id).toEqual({ value: false, reason: expect.stringContaining('older than 30 days') });
  });
});

describe('parseInteractionDate', () => {
  it('reads dd/MM/yyyy as the start of that day in Vietnam', () => {
    expect(parseInteractionDate('25/11/2026')).toBe(Date.UTC(2026, 10, 24, 17, 0));
    expect(parseInteractionDate('2026-11-25')).toBeUndefined();
    expect(parseInteractionDate(undefined)).toBeUndefined();
  });
});
