/**
 * The simulator's own copy of Zalo's rules (ZALO_API.md §3 "Windows", §10, §11, §15). It is kept
 * apart from src/zalo/rules.ts on purpose: if the client's copy of a fact is wrong, the simulator
 * must not be wrong the same way. test/contract/sandbox-rules.test.ts pins the two copies together.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Vietnam is UTC+7 all year; Zalo's days, night window and quota resets follow it. */
export const VN_OFFSET_MS = 7 * HOUR_MS;

/** Consultation (CS): free ≤ 48 h after the user's last interaction, paid 48 h–7 days, then -230 [C Q§5.2; D]. */
export const CS_FREE_WINDOW_MS = 48 * HOUR_MS;
export const CS_MAX_WINDOW_MS = 7 * DAY_MS;
/** Free CS replies were capped at 8 per window until this instant; unlimited since [D; I]. */
export const CS_FREE_UNLIMITED_SINCE = Date.UTC(2026, 0, 1) - VN_OFFSET_MS;
export const CS_FREE_MESSAGES_BEFORE_2026 = 8;

/** Text message body limit [D S§5.3], counted in code points of the text as received. */
export const TEXT_MAX = 2000;

/** Promotion per user: 1 a day; monthly 4 vs 30 [X S§15.3], 4 here. */
export const PROMOTION_DAILY_LIMIT = 1;
export const PROMOTION_MONTHLY_LIMIT = 4;

/** Night window, Vietnam time [D S§5.2, §15.3]: 22:00 to 05:59. */
export const NIGHT_START_HOUR = 22;
export const NIGHT_END_HOUR = 6;

export function isVietnamNight(time: number): boolean {
  const hour = new Date(time + VN_OFFSET_MS).getUTCHours();
  return hour >= NIGHT_START_HOUR || hour < NIGHT_END_HOUR;
}

/** Template tags [D §10]: 1 transaction, 2 care (pushed silently at night), 3 promotion (refused at night, -234). */
export const TEMPLATE_TAG = { transaction: 1, care: 2, promotion: 3 } as const;

/** What Zalo does with a template of `tag` sent at `time`: deliver with a push, deliver silently, or refuse. */
export function templateAtNight(tag: number, time: number): 'push' | 'silent' | 'blocked' {
  if (!isVietnamNight(time)) return 'push';
  return tag === TEMPLATE_TAG.promotion ? 'blocked' : 'silent';
}

/** Call consent [D S§10.1; I]: the user has 24 h to answer; a granted permission lasts 30 days. */
export const CALL_CONSENT_REPLY_MS = 24 * HOUR_MS;
export const CALL_CONSENT_VALID_MS = 30 * DAY_MS;

/** ZBS phone channel: `tracking_id` ≤ 48 characters [D S§7.3]. */
export const ZNS_TRACKING_ID_MAX = 48;

/** Length as Zalo counts it: code points of the string it received (NFD input counts its combining marks). */
export const codePoints = (s: string): number => [...s].length;

/** Free CS replies left in the 48 h window at `now`: Infinity since 2026-01-01, else 8 minus those used. */
export function csFreeLeft(used: number, now: number): number {
  return now >= CS_FREE_UNLIMITED_SINCE ? Infinity : Math.max(0, CS_FREE_MESSAGES_BEFORE_2026 - used);
}
