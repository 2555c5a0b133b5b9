/**
 * "Can the OA reach this user, and how?" — every rule in one pure function, so the answer of
 * followers_check_status is explainable and testable without Zalo. The constants come from
 * rules.ts; the facts come from user/detail, /oa/quota/message, ZNS /message/quota and the
 * call-consent check. The rules:
 *
 * | channel        | allowed when                                                                  |
 * |----------------|-------------------------------------------------------------------------------|
 * | consultation   | follower; ≤ 48 h since the user's last interaction: free, up to cs_reply.remain |
 * |                | replies; 48 h–7 days: against the OA's paid quota; > 7 days: closed (-230)     |
 * | transaction    | follower (any time, against the OA's transaction quota)                        |
 * | promotion      | follower; not 22:00–06:00 Vietnam time (-234); per-user daily/monthly remain > 0 |
 * | ZNS            | a phone number is known and the OA's daily ZNS quota is not used up; following   |
 * |                | does not matter                                                                |
 * | call by user_id | the user interacted with the OA within 30 days                                |
 * | call by phone  | the user granted call permission and it has not expired                        |
 *
 * A phone that matches no follower can only be reached by ZNS.
 *
 * computeUserStatus() is the pure rule function; gatherStatusFacts() does the reads that feed it.
 */
import type { ConsentResult } from './endpoints/calls.js';
import type { ZaloApi } from './endpoints/index.js';
import { ZaloError, ZaloInputError } from './errors.js';
import { normalizePhone, tryNormalizePhone } from './phone.js';
import {
  CALL_BY_USER_ID_WINDOW_MS, CS_FREE_MESSAGES_PER_WINDOW, CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, isVietnamNight, nextVietnamMorning, VN_OFFSET_MS,
} from './rules.js';

export interface StatusFacts {
  now: number;
  /** undefined: the phone given matches no follower. */
  follower?: {
    user_id: string;
    is_follower: boolean;
    /** Epoch ms of the last interaction (quota API, or user_last_interaction_date as a fallback). */
    last_interaction_ms?: number;
  };
  /** /v3.0/oa/quota/message for this user; undefined when not read (e.g. not a follower). */
  quota?: {
    cs_reply?: { remain: number; total: number };
    promotion?: { daily_remain: number; daily_total: number; monthly_remain: number; monthly_total: number };
  };
  /** 84xxxxxxxxx from the input or the user's shared_info. */
  phone?: string;
  /** ZNS /message/quota; undefined when it could not be read. */
  zns?: { remaining?: number; daily?: number };
  /** Call-consent state; undefined when it could not be read. */
  call?: Pick<ConsentResult, 'state' | 'expires_at'>;
}

export interface Verdict { value: boolean; reason: string }

export interface UserStatus {
  following_status: 'following' | 'not_following' | 'unknown_phone';
  last_user_activity_time?: string;
  can_send_consultation_message: Verdict & { expired_time?: string; free_remain?: number };
  can_send_transaction_message: Verdict;
  can_send_promotion_message: Verdict;
  can_send_zns: Verdict;
  can_call_zcc_by_phone: Verdict;
  can_call_zcc_by_zalo_id: Verdict;
}

const iso = (ms: number) => new Date(ms).toISOString();
const no = (reason: string): Verdict => ({ value: false, reason });
const yes = (reason: string): Verdict => ({ value: true, reason });

/** Apply Zalo's rules to the facts. Pure: same facts, same answer. */
export function computeUserStatus(f: StatusFacts): UserStatus {
  const zns = znsVerdict(f);
  if (!f.follower) {
    const none = no('no follower of this OA has this phone number; only ZNS can reach it');
    return {
      following_status: 'unknown_phone',
      can_send_consultation_message: { ...none }, can_send_transaction_message: none, can_send_promotion_message: none,
      can_send_zns: zns, can_call_zcc_by_phone: none, can_call_zcc_by_zalo_id: none,
    };
  }
  const last = f.follower.last_interaction_ms;
  const following = f.follower.is_follower;
  const notFollower = no('not a follower (the user unfollowed the OA); use zns_send');
  return {
    following_status: following ? 'following' : 'not_following',
    ...(last !== undefined ? { last_user_activity_time: iso(last) } : {}),
    can_send_consultation_message: following ? consultation(f, last) : { ...notFollower, free_remain: 0 },
    can_send_transaction_message: following ? yes('followers can receive transaction messages at any time (OA transaction quota applies)') : notFollower,
    can_send_promotion_message: following ? promotion(f) : notFollower,
    can_send_zns: zns,
    can_call_zcc_by_phone: callByPhone(f),
    can_call_zcc_by_zalo_id: callByUserId(f.now, last),
  };
}

function consultation(f: StatusFacts, last: number | undefined): UserStatus['can_send_consultation_message'] {
  if (last === undefined) return { ...no('no interaction on record: the user must message the OA first'), free_remain: 0 };
  const freeEnd = last + CS_FREE_WINDOW_MS;
  const paidEnd = last + CS_MAX_WINDOW_MS;
  if (f.now < freeEnd) {
    const total = f.quota?.cs_reply?.total ?? CS_FREE_MESSAGES_PER_WINDOW;
    const remain = f.quota?.cs_reply?.remain;
    if (remain === undefined) return { ...yes(`free window open until ${iso(freeEnd)}`), expired_time: iso(freeEnd) };
    if (remain > 0) return { ...yes(`free window open until ${iso(freeEnd)}, ${remain} of ${total} free replies left`), expired_time: iso(freeEnd), free_remain: remain };
    return {
      ...yes(`all ${total} free replies used; until ${iso(paidEnd)} replies use the OA's paid consultation quota`),
      expired_time: iso(paidEnd), free_remain: 0,
    };
  }
  if (f.now < paidEnd) {
    return { ...yes(`free window closed at ${iso(freeEnd)}; until ${iso(paidEnd)} replies use the OA's paid consultation quota`), expired_time: iso(paidEnd), free_remain: 0 };
  }
  return { ...no(`window expired at ${iso(paidEnd)} (7 days after the last interaction); use a transaction message or zns_send`), expired_time: iso(paidEnd), free_remain: 0 };
}

function promotion(f: StatusFacts): Verdict {
  if (isVietnamNight(f.now)) return no(`22:00–06:00 Vietnam time: promotions wait until ${iso(nextVietnamMorning(f.now))}`);
  const p = f.quota?.promotion;
  if (!p) return yes('outside quiet hours (per-user promotion limit unknown)');
  if (p.daily_remain <= 0) return no(`daily promotion limit for this user reached (${p.daily_total} per day)`);
  if (p.monthly_remain <= 0) return no(`monthly promotion limit for this user reached (${p.monthly_total} per month)`);
  return yes(`${p.daily_remain} of ${p.daily_total} promotions left today, ${p.monthly_remain} of ${p.monthly_total} this month`);
}

function znsVerdict(f: StatusFacts): Verdict {
  if (!f.phone) return no('no phone number known: pass phone, or ask the user to share it (messages_send_request_info)');
  const z = f.zns;
  if (z?.remaining === undefined) return yes(`phone ${f.phone} known; the OA's ZNS quota could not be read`);
  if (z.remaining <= 0) return no(`the OA's daily ZNS quota is used up (0 of ${z.daily ?? '?'} left); it resets tomorrow`);
  return yes(`phone ${f.phone} known, ${z.remaining} of ${z.daily ?? '?'} ZNS left today; needs an approved template (zns_list_templates)`);
}

function callByPhone(f: StatusFacts): Verdict {
  const c = f.call;
  if (!c) return no('call permission could not be checked');
  switch (c.state) {
    case 'granted':
      return c.expires_at !== undefined && c.expires_at <= f.now
        ? no(`call permission expired at ${iso(c.expires_at)}; ask again with calls_request_permission`)
        : yes(`the user granted call permission${c.expires_at !== undefined ? ` until ${iso(c.expires_at)}` : ''}`);
    case 'pending': return no('call permission requested; waiting for the user to answer (24 h)');
    case 'rejected': return no('the user declined the call permission request');
    case 'blocked': return no('the user blocked calls from this OA');
    case 'expired': return no('call permission expired; ask again with calls_request_permission');
    case 'no_interaction': return no('the user never interacted with this OA');
    case 'not_follower': return no('not a follower: Zalo refuses call permission for users who unfollowed');
    default: return no('no call permission yet; ask with calls_request_permission');
  }
}

function callByUserId(now: number, last: number | undefined): Verdict {
  if (last === undefined) return no('no interaction on record');
  const end = last + CALL_BY_USER_ID_WINDOW_MS;
  return now < end
    ? yes(`the user interacted within 30 days (until ${iso(end)})`)
    : no(`last interaction ${iso(last)} is older than 30 days`);
}

/** Zalo's user_last_interaction_date "dd/MM/yyyy" as the start of that day in Vietnam (conservative). */
export function parseInteractionDate(value: string | undefined): number | undefined {
  const m = value?.match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
  if (!m) return undefined;
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - VN_OFFSET_MS;
}

/** Exactly one of user_id or phone (normalised to 84xxxxxxxxx): the target of the status and call-permission tools. */
export function oneTarget(user_id: string | undefined, phone: string | undefined): { user_id: string } | { phone: string } {
  if ((user_id === undefined) === (phone === undefined)) {
    throw new ZaloInputError('give exactly one of user_id or phone', 'Pass the user\'s user_id (digits) or phone (e.g. 0912345678), not both.');
  }
  return user_id !== undefined ? { user_id } : { phone: normalizePhone(phone!) };
}

export interface StatusQuery {
  user_id?: string;
  /** 84xxxxxxxxx. */
  phone?: string;
  /** Read the ZNS quota (default true). */
  zns?: boolean;
  /** Let a failing call-consent check fail the whole read (calls_check_permission), instead of "unknown". */
  strictCall?: boolean;
  /** Hears the follower scan of a phone lookup (it reads every profile until a match). */
  onScan?: (scanned: number, total: number) => Promise<void>;
}

/**
 * Collect the facts computeUserStatus needs: the follower (by user_id, or found by phone), the
 * per-user message quota, the OA's ZNS quota and the call-consent state. Reads that only refine
 * the answer (quotas, consent) degrade to "unknown" when they fail; a failing profile read fails.
 */
export async function gatherStatusFacts(zalo: ZaloApi, q: StatusQuery, now: number): Promise<StatusFacts> {
  const znsQuota = async (): Promise<StatusFacts['zns']> => {
    if (q.zns === false) return undefined;
    const z = await zalo.zns.quota().catch(() => undefined);
    return z && { remaining: z.remainingQuota, daily: z.dailyQuota };
  };
  const userId = q.user_id ?? (q.phone ? await zalo.followers.findByPhone(q.phone, q.onScan) : undefined);
  if (!userId) return { now, phone: q.phone, zns: await znsQuota() };

  const detail = await zalo.followers.detail(userId);
  const isFollower = detail.user_is_follower ?? true;
  const phone = q.phone ?? tryNormalizePhone(String(detail.shared_info?.phone ?? ''));
  const [quota, zns, call] = await Promise.all([
    isFollower ? zalo.oa.quota(userId).catch(() => undefined) : Promise.resolve(undefined),
    znsQuota(),
    zalo.calls.checkConsent(phone ? { phone } : { user_id: userId }).catch((err: unknown) =>
      err instanceof ZaloError && err.code === -213 ? { state: 'not_follower' as const } : q.strictCall ? Promise.reject(err) : undefined),
  ]);
  return {
    now,
    follower: { user_id: userId, is_follower: isFollower, last_interaction_ms: quota?.last_interaction || parseInteractionDate(detail.user_last_interaction_date) },
    quota: quota && { cs_reply: quota.cs_reply, promotion: quota.promotion },
    phone,
    zns,
    call,
  };
}
