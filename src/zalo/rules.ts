/**
 * Zalo's messaging rules of 2026 (ZALO_API.md §3 "Windows", §10, §11, §15), the client's copy.
 * followers_check_status explains them; the simulator keeps its own copy (src/sandbox/rules.ts)
 * and test/contract/sandbox-rules.test.ts pins the two together.
 *
 * - Consultation (CS): free and unlimited for 48 h after the user's last interaction (8 replies
 *   before 2026-01-01; `cs_reply` is reported only sometimes), paid from 48 h to 7 days, then
 *   closed (-230). CS and group messages go out 24/24.
 * - Past 7 days: a ZBS template, by user_id (`POST /v3.0/oa/message/template`, `price_uid`) or by
 *   phone (business host, `price_sdt`). UID transaction/promotion messages stopped on 2026-03-01.
 * - Night, 22:00–06:00 Vietnam time: promotion-tagged templates are refused (-234); transaction and
 *   care templates are delivered without a push until 06:00.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Vietnam is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * HOUR_MS;

export const CS_FREE_WINDOW_MS = 48 * HOUR_MS;
export const CS_MAX_WINDOW_MS = 7 * DAY_MS;
/** Message text limit, in code points after NFC normalisation. */
export const TEXT_MAX = 2000;
/** The day UID transaction and promotion messages stopped (templates by user_id replace them). */
export const UID_TRANSACTION_STOPPED = '2026-03-01';

export const NIGHT_START_HOUR = 22;
export const NIGHT_END_HOUR = 6;

/** Template tags (templateTag): 1 transaction, 2 care, 3 promotion. */
export const TEMPLATE_TAG = { transaction: 1, care: 2, promotion: 3 } as const;

/** Whether `time` falls in Zalo's 22:00–06:00 (Vietnam time) night window. */
export function isVietnamNight(time: number): boolean {
  const hour = new Date(time + VN_OFFSET_MS).getUTCHours();
  return hour >= NIGHT_START_HOUR || hour < NIGHT_END_HOUR;
}

/** The next 06:00 Vietnam time at or after `time` (when the night window ends). */
export function nextVietnamMorning(time: number): number {
  const local = new Date(time + VN_OFFSET_MS);
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), NIGHT_END_HOUR) - VN_OFFSET_MS;
  return morning >= time ? morning : morning + DAY_MS;
}

/** `time` as Vietnam wall-clock time with its offset: 2026-11-25T10:00:00+07:00. */
export function vnTime(time: number): string {
  return `${new Date(time + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** "10:00 25/11 VN (2026-11-25T03:00:00.000Z)": both clocks, for reasons a person reads. */
export function bothTimes(time: number): string {
  const d = new Date(time + VN_OFFSET_MS).toISOString();
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)} Vietnam time (${new Date(time).toISOString()})`;
}

/**
 * Calls (ZALO_API.md §11): by phone the OA asks permission first (requestconsent); the user has
 * CALL_CONSENT_REPLY_MS to answer and a granted permission lasts CALL_CONSENT_VALID_MS. By user_id
 * [I: a docs-derived ZCC guide] the user must have interacted within CALL_BY_USER_ID_WINDOW_MS.
 */
export const CALL_CONSENT_REPLY_MS = 24 * HOUR_MS;
export const CALL_CONSENT_VALID_MS = 30 * DAY_MS;
export const CALL_BY_USER_ID_WINDOW_MS = 30 * DAY_MS;

/** ZBS phone channel: `tracking_id` is the sender's own reference, at most 48 characters. */
export const ZNS_TRACKING_ID_MAX = 48;
