/**
 * Zalo's messaging rules in one place (ZALO_API.md "Quotas/windows"; developers.zalo.me →
 * Official Account → "Gửi tin nhắn"). The simulator enforces them and followers_check_status
 * explains them, so both read these constants.
 *
 * - Consultation (CS) messages are free for 48 h after the user's last interaction, up to
 *   CS_FREE_MESSAGES_PER_WINDOW replies; after that, and up to 7 days after the interaction, they
 *   need the OA's paid quota; after 7 days Zalo answers -230.
 * - The user must follow the OA (-213), must not have restricted the OA (-244).
 * - Transaction messages go to followers at any time, against the OA's transaction quota.
 * - Promotion messages go to followers, not between 22:00 and 06:00 Vietnam time (-234), within a
 *   per-user daily/monthly limit.
 * - ZNS reaches any Zalo user by phone number with an approved template, regardless of following.
 */
export const HOUR_MS = 3_600_000;
export const CS_FREE_WINDOW_MS = 48 * HOUR_MS;
export const CS_MAX_WINDOW_MS = 7 * 24 * HOUR_MS;
export const CS_FREE_MESSAGES_PER_WINDOW = 8;
export const PROMOTION_DAILY_LIMIT = 1;
export const PROMOTION_MONTHLY_LIMIT = 4;
/** Vietnam is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * HOUR_MS;
export const NIGHT_START_HOUR = 22;
export const NIGHT_END_HOUR = 6;

/** Whether `time` falls in Zalo's 22:00–06:00 (Vietnam time) quiet hours. */
export function isVietnamNight(time: number): boolean {
  const hour = new Date(time + VN_OFFSET_MS).getUTCHours();
  return hour >= NIGHT_START_HOUR || hour < NIGHT_END_HOUR;
}

/**
 * Calls through Zalo Cloud Connect (ZCC) [C: a docs-derived ZCC guide in a public client repo]:
 * - by phone number: the OA must first ask the user (POST /v2.0/oa/call/requestconsent); the user
 *   has CALL_CONSENT_REPLY_MS to answer, and a granted permission lasts CALL_CONSENT_VALID_MS;
 * - by user_id: the user must have interacted with the OA within CALL_BY_USER_ID_WINDOW_MS.
 */
export const DAY_MS = 24 * HOUR_MS;
export const CALL_CONSENT_REPLY_MS = 24 * HOUR_MS;
export const CALL_CONSENT_VALID_MS = 30 * DAY_MS;
export const CALL_BY_USER_ID_WINDOW_MS = 30 * DAY_MS;

/** ZNS: `tracking_id` is the sender's own reference, at most 48 characters [I: docs-derived spec]. */
export const ZNS_TRACKING_ID_MAX = 48;

/** The next 06:00 Vietnam time at or after `time` (when the quiet hours end). */
export function nextVietnamMorning(time: number): number {
  const local = new Date(time + VN_OFFSET_MS);
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), NIGHT_END_HOUR) - VN_OFFSET_MS;
  return morning >= time ? morning : morning + DAY_MS;
}
