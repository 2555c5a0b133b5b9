/**
 * The ZaloError hierarchy and the one table that maps Zalo's error codes to a kind, a retry
 * policy and a hint the model can act on. Zalo reports failures as HTTP 200 with a non-zero
 * `error` (https://developers.zalo.me/docs/official-account/phu-luc/ma-loi), so the code, not
 * the HTTP status, decides everything here.
 */
import { redact } from './redact.js';

export type ZaloErrorKind =
  | 'auth' | 'rate_limit' | 'quota' | 'invalid_request' | 'recipient' | 'permission'
  | 'not_found' | 'unavailable' | 'network' | 'timeout' | 'response_shape' | 'input' | 'unknown';

interface CodeInfo { kind: ZaloErrorKind; retryable?: boolean; hint: string }

const RELOGIN = 'Run `zalo-oa-mcp login` for this OA to authorise it again.';
const PROOF = 'Zalo wants a valid appsecret_proof header: set ZALO_APPSECRET_PROOF=1 (or appsecret_proof: true for this OA in the accounts file) and check that the app secret is this app\'s.';

/** Zalo error code → what it means for us (ZALO_API.md section 4). */
export const CODE_TABLE: Record<number, CodeInfo> = {
  [-216]: { kind: 'auth', hint: RELOGIN },
  [-220]: { kind: 'auth', hint: RELOGIN },
  [-124]: { kind: 'auth', hint: RELOGIN },
  [-32]: { kind: 'rate_limit', retryable: true, hint: 'Zalo rate limit (per minute) reached: wait about a minute, then retry.' },
  [-100]: { kind: 'invalid_request', hint: 'The attachment expired (uploads last about 7 days): upload it again with media_upload_*, then resend.' },
  [-214]: { kind: 'unavailable', retryable: true, hint: 'The article is still being processed: try again in a few seconds.' },
  [-200]: { kind: 'unknown', hint: 'Zalo refused the send: check the recipient with followers_check_status.' },
  [-201]: { kind: 'invalid_request', hint: 'Fix the parameter Zalo names in the message and call again.' },
  [-204]: { kind: 'permission', hint: 'This OA was disabled or deleted on Zalo; nothing can be sent from it.' },
  [-205]: { kind: 'not_found', hint: 'This OA does not exist: check the OA credentials in the configuration.' },
  [-209]: { kind: 'permission', hint: 'This API is not available to the app or this OA tier; enable it on developers.zalo.me.' },
  [-212]: { kind: 'permission', hint: 'The app has not registered this API: enable it for the app on developers.zalo.me.' },
  [-210]: { kind: 'invalid_request', hint: 'A parameter exceeds Zalo\'s limit: shorten it or lower the count.' },
  [-211]: { kind: 'quota', hint: 'The OA\'s quota for this feature is used up: check oa_get_quota, wait for the reset or buy more.' },
  [-213]: { kind: 'recipient', hint: 'The user does not follow the OA: only ZNS (zns_send) can reach them.' },
  [-217]: { kind: 'recipient', hint: 'The user blocked invitations from this OA.' },
  [-218]: { kind: 'quota', hint: 'This user has received the maximum number of messages for now: try later or use zns_send.' },
  [-219]: { kind: 'permission', hint: 'The Zalo app was removed or disabled: check it on developers.zalo.me.' },
  [-221]: { kind: 'permission', hint: 'This feature needs a verified OA.' },
  [-223]: { kind: 'permission', hint: 'The OA has not authorised this API (or its quota for it): run `zalo-oa-mcp login` with the needed permission.' },
  [-224]: { kind: 'permission', hint: 'The OA tier package does not include this feature: upgrade the OA tier.' },
  [-227]: { kind: 'recipient', hint: 'The user is banned or has been inactive for over 45 days.' },
  [-230]: { kind: 'recipient', hint: 'Consultation messages are closed for this user: use messages_send_transaction (followers) or zns_send (by phone).' },
  [-232]: { kind: 'recipient', hint: 'The user\'s interaction window is missing or expired: check followers_check_status, or use zns_send.' },
  [-233]: { kind: 'invalid_request', hint: 'This message type is not supported for this recipient.' },
  [-234]: { kind: 'recipient', hint: 'This message type cannot be sent between 22:00 and 06:00 (Vietnam time): schedule it for the morning.' },
  [-235]: { kind: 'permission', hint: 'This API is not available for this OA type.' },
  [-240]: { kind: 'invalid_request', hint: 'The v2 message API is shut down; this is a bug in the server, please report it.' },
  [-244]: { kind: 'recipient', hint: 'The user has restricted this message type from the OA.' },
  [-248]: { kind: 'invalid_request', hint: 'The content violates Zalo\'s platform standards: rewrite it.' },
  [-320]: { kind: 'permission', hint: 'The app is not linked to a Zalo Cloud Account (needed for paid messages).' },
  [-321]: { kind: 'quota', hint: 'The Zalo Cloud Account is out of money: top it up, then retry.' },
  [-242]: { kind: 'permission', hint: PROOF },
  // ZNS family (zalo.cloud ZNS error table [C] for -107..-112; -115/-117/-118/-119/-131 numbers [I]).
  [-107]: { kind: 'not_found', hint: 'Check the message_id returned by zns_send and pass the phone it was sent to.' },
  [-108]: { kind: 'invalid_request', hint: 'Use a Vietnamese phone number: 0912345678, +84912345678 or 84912345678.' },
  [-109]: { kind: 'not_found', hint: 'Unknown template id: list the OA\'s templates with zns_list_templates.' },
  [-111]: { kind: 'invalid_request', hint: 'Pass template_data with the template\'s parameters (see zns_get_template).' },
  [-112]: { kind: 'invalid_request', hint: 'template_data does not match the template: check names and lengths with zns_get_template.' },
  [-115]: { kind: 'quota', hint: 'The OA\'s ZNS quota or balance is used up: check zns_get_quota; the daily quota resets the next day, or top up the Zalo Cloud Account.' },
  [-117]: { kind: 'permission', hint: 'This OA or app may not use this template: check the template owner in ZNS settings.' },
  [-118]: { kind: 'recipient', hint: 'No active Zalo account uses this phone number.' },
  [-119]: { kind: 'recipient', hint: 'This Zalo account cannot receive ZNS messages.' },
  [-131]: { kind: 'invalid_request', hint: 'The template is not approved or is disabled: pick a template with status enable (zns_list_templates).' },
  [-1241]: { kind: 'permission', hint: PROOF },
};

export interface ZaloErrorInit {
  code?: number | null;
  kind?: ZaloErrorKind;
  hint?: string;
  retryable?: boolean;
  httpStatus?: number;
  endpoint?: string;
  retryAfterS?: number;
  /** The underlying failure (undici error, zod issue...), kept for operators like openai-node does. */
  cause?: unknown;
}

/** Base of every error our client raises. Messages are redacted on construction. */
export class ZaloError extends Error {
  readonly code: number | null;
  readonly kind: ZaloErrorKind;
  readonly hint: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly endpoint?: string;
  readonly retryAfterS?: number;

  constructor(message: string, init: ZaloErrorInit = {}) {
    super(redact(message), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code ?? null;
    this.kind = init.kind ?? 'unknown';
    this.hint = redact(init.hint ?? '');
    this.retryable = init.retryable ?? false;
    this.httpStatus = init.httpStatus;
    this.endpoint = init.endpoint;
    this.retryAfterS = init.retryAfterS;
  }
}

/** Zalo answered with a non-zero `error`. */
export class ZaloApiError extends ZaloError {}
export class ZaloAuthError extends ZaloApiError {}
export class ZaloRateLimitError extends ZaloApiError {}
export class ZaloQuotaError extends ZaloApiError {}
export class ZaloInvalidRequestError extends ZaloApiError {}
export class ZaloRecipientError extends ZaloApiError {}
export class ZaloPermissionError extends ZaloApiError {}
/** Non-JSON or unexpected HTTP failure (e.g. a proxy's 502 page). */
export class ZaloHttpError extends ZaloError {}
export class ZaloNetworkError extends ZaloError {}
export class ZaloTimeoutError extends ZaloError {}
/** Zalo answered `error: 0` but the body does not have the shape we rely on. */
export class ZaloResponseShapeError extends ZaloError {}
/** Our own validation refused the input before anything was sent. */
export class ZaloInputError extends ZaloError {
  constructor(message: string, hint = 'Correct the input and call again.') {
    super(message, { kind: 'input', hint });
  }
}

const CLASS_BY_KIND: Partial<Record<ZaloErrorKind, typeof ZaloApiError>> = {
  auth: ZaloAuthError,
  rate_limit: ZaloRateLimitError,
  quota: ZaloQuotaError,
  invalid_request: ZaloInvalidRequestError,
  recipient: ZaloRecipientError,
  permission: ZaloPermissionError,
};

/** Build the typed error for an envelope `{ error: code, message }` (like openai-node's APIError.generate). */
export function apiErrorFromCode(code: number, message: string, extra: Omit<ZaloErrorInit, 'code'> = {}): ZaloApiError {
  const info = CODE_TABLE[code];
  const kind = info?.kind ?? 'unknown';
  const Cls = CLASS_BY_KIND[kind] ?? ZaloApiError;
  return new Cls(message || `Zalo error ${code}`, {
    code,
    kind,
    hint: info?.hint ?? 'Check the input against the tool description; if it persists, report the Zalo error code.',
    retryable: info?.retryable ?? false,
    ...extra,
  });
}

/** Codes after which a fresh access token should be fetched and the call replayed once. */
export function isTokenInvalid(err: unknown): boolean {
  return err instanceof ZaloAuthError && (err.code === -216 || err.code === -220 || err.code === -124);
}
