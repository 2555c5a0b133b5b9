/**
 * "Can the OA reach this user, and how?" — Zalo's rules of 2026 (rules.ts, ZALO_API.md §3, §10,
 * §11) in one pure function, so followers_check_status is explainable and testable without Zalo.
 *
 * | way                  | open when                                                                   |
 * |----------------------|-----------------------------------------------------------------------------|
 * | consultation         | follower; ≤ 48 h since the last interaction: free (unlimited, or what       |
 * |                      | `cs_reply` says when Zalo returns it); 48 h–7 days: paid; later closed (-230) |
 * | template by user_id  | follower; an approved template (price_uid, usually the cheaper channel)     |
 * | template by phone    | a phone is known and the OA's daily ZBS quota is not used up                |
 * | call                 | the user granted call permission and it has not expired                     |
 *
 * At night (22:00–06:00 Vietnam time) consultation still goes out; promotion-tagged templates are
 * refused until 06:00 and transaction/care templates arrive without a push. UID transaction and
 * promotion messages stopped on 2026-03-01, so they are never offered.
 *
 * computeUserStatus() is the pure rule function; gatherStatusFacts() does the reads that feed it.
 */
import type { ConsentResult } from './endpoints/calls.js';
import type { ZaloApi } from './endpoints/index.js';
import { ZaloError, ZaloInputError } from './errors.js';
import { normalizePhone, tryNormalizePhone } from './phone.js';
import {
  bothTimes, CALL_BY_USER_ID_WINDOW_MS, CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, isVietnamNight, nextVietnamMorning, VN_OFFSET_MS, vnTime,
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
  /** /v3.0/oa/quota/message for this user; `cs_reply` only when Zalo returned it. */
  quota?: { cs_reply?: { remain: number; total: number } };
  /** 84xxxxxxxxx from the input or the user's shared_info. */
  phone?: string;
  /** ZBS /message/quota; undefined when it could not be read. */
  zns?: { remaining?: number; daily?: number };
  /** Call-consent state; undefined when it could not be read. */
  call?: Pick<ConsentResult, 'state' | 'expires_at'>;
}

export interface Verdict { value: boolean; reason: string }
export type Way = 'consultation_free' | 'consultation_paid' | 'template_by_user_id' | 'template_by_phone' | 'none';

export interface UserStatus {
  following_status: 'following' | 'not_following' | 'unknown_phone';
  last_user_activity_time?: string;
  last_user_activity_time_vn?: string;
  can_send_consultation_message: Verdict & { cost?: 'free' | 'paid'; expired_time?: string; expired_time_vn?: string; free_remain?: number };
  can_send_template_by_user_id: Verdict;
  can_send_template_by_phone: Verdict;
  can_call: Verdict;
  cheapest_way: { way: Way; tool: string | null; reason: string };
}

const iso = (ms: number) => new Date(ms).toISOString();
const no = (reason: string): Verdict => ({ value: false, reason });
const yes = (reason: string): Verdict => ({ value: true, reason });
const until = (ms: number) => ({ expired_time: iso(ms), expired_time_vn: vnTime(ms) });

/** Apply Zalo's rules to the facts. Pure: same facts, same answer. */
export function computeUserStatus(f: StatusFacts): UserStatus {
  const byPhone = templateByPhone(f);
  const last = f.follower?.last_interaction_ms;
  const cs = !f.follower
    ? no('no follower of this OA has this phone number, so consultation cannot reach it')
    : !f.follower.is_follower ? no('the user unfollowed the OA (Zalo answers -213)') : consultation(f.now, last, f.quota?.cs_reply);
  const byUid = !f.follower
    ? no('no user_id: no follower of this OA has this phone number')
    : !f.follower.is_follower ? no('the user unfollowed the OA (Zalo answers -213); only a template by phone can reach them') : templateByUserId(f.now);
  const status: Omit<UserStatus, 'cheapest_way'> = {
    following_status: !f.follower ? 'unknown_phone' : f.follower.is_follower ? 'following' : 'not_following',
    ...(last !== undefined ? { last_user_activity_time: iso(last), last_user_activity_time_vn: vnTime(last) } : {}),
    can_send_consultation_message: cs,
    can_send_template_by_user_id: byUid,
    can_send_template_by_phone: byPhone,
    can_call: f.follower ? callByPhone(f) : no('no follower of this OA has this phone number'),
  };
  return { ...status, cheapest_way: cheapest(status, f.now) };
}

function consultation(now: number, last: number | undefined, csReply: { remain: number; total: number } | undefined): UserStatus['can_send_consultation_message'] {
  if (last === undefined) return no('no interaction on record: the user must message the OA first');
  const freeEnd = last + CS_FREE_WINDOW_MS;
  const paidEnd = last + CS_MAX_WINDOW_MS;
  if (now < freeEnd && (csReply === undefined || csReply.remain > 0)) {
    const count = csReply ? `${csReply.remain} of ${csReply.total} free replies left` : 'free replies are unlimited';
    return { ...yes(`free until ${bothTimes(freeEnd)} (48 h after the last interaction); ${count}`), cost: 'free', ...until(freeEnd), ...(csReply ? { free_remain: csReply.remain } : {}) };
  }
  if (now < paidEnd) {
    const why = now < freeEnd ? `all ${csReply!.total} free replies used` : `free window closed at ${bothTimes(freeEnd)}`;
    return { ...yes(`${why}; until ${bothTimes(paidEnd)} replies are paid (the OA's consultation quota)`), cost: 'paid', ...until(paidEnd), ...(csReply ? { free_remain: 0 } : {}) };
  }
  return { ...no(`closed since ${bothTimes(paidEnd)}, 7 days after the last interaction (Zalo answers -230); send a template by user_id`), ...until(paidEnd) };
}

/** Night note per message type: promotion-tagged templates wait, transaction/care go silently. */
function nightNote(now: number): string {
  return isVietnamNight(now)
    ? `; it is night in Vietnam: promotion-tagged templates are refused until ${bothTimes(nextVietnamMorning(now))} (-234), transaction and care templates arrive without a push`
    : '';
}

function templateByUserId(now: number): Verdict {
  return yes(`an approved template by user_id (zns_send with user_id; priced price_uid, usually below price_sdt)${nightNote(now)}`);
}

function templateByPhone(f: StatusFacts): Verdict {
  if (!f.phone) return no('no phone number known: pass phone, or ask the user to share it (messages_send_request_info)');
  const z = f.zns;
  if (z?.remaining !== undefined && z.remaining <= 0) return no(`the OA's daily template quota is used up (0 of ${z.daily ?? '?'} left); it resets tomorrow`);
  const left = z?.remaining === undefined ? 'the daily quota could not be read' : `${z.remaining} of ${z.daily ?? '?'} left today`;
  return yes(`phone ${f.phone} known, ${left}; an approved template by phone (zns_send with phone, priced price_sdt)${nightNote(f.now)}`);
}

/** The cheapest way that still reaches the user: free CS, paid CS, template by user_id, by phone. */
function cheapest(s: Omit<UserStatus, 'cheapest_way'>, now: number): UserStatus['cheapest_way'] {
  const cs = s.can_send_consultation_message;
  if (cs.value && cs.cost === 'free') return { way: 'consultation_free', tool: 'messages_send_text', reason: `a consultation reply is free until ${bothTimes(Date.parse(cs.expired_time!))}, at any hour` };
  if (cs.value) return { way: 'consultation_paid', tool: 'messages_send_text', reason: `a paid consultation reply works until ${bothTimes(Date.parse(cs.expired_time!))}, at any hour, with no template needed` };
  if (s.can_send_template_by_user_id.value) {
    return { way: 'template_by_user_id', tool: 'zns_send', reason: `consultation is closed; a template by user_id is usually cheaper than by phone${nightNote(now)}` };
  }
  if (s.can_send_template_by_phone.value) {
    return { way: 'template_by_phone', tool: 'zns_send', reason: `only a template by phone reaches this user (${s.following_status === 'unknown_phone' ? 'no follower has this phone' : 'not a follower'})${nightNote(now)}` };
  }
  return { way: 'none', tool: null, reason: `nothing reaches this user now: ${s.can_send_template_by_phone.reason}` };
}

/** Call permission by phone (consent); calls_create_link also needs it. */
export function callByPhone(f: Pick<StatusFacts, 'call' | 'now'>): Verdict {
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

/** Call by user_id [I]: an interaction within 30 days (calls_check_permission). */
export function callByUserId(now: number, last: number | undefined): Verdict {
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
    quota: quota && { cs_reply: quota.cs_reply },
    phone,
    zns,
    call,
  };
}
