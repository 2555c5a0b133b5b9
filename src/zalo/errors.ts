/**
 * The ZaloError hierarchy and the one table that maps Zalo's error codes to a kind, a retry
 * policy and a hint the model can act on. Zalo reports failures as HTTP 200 with a non-zero
 * `error` (https://developers.zalo.me/docs/official-account/phu-luc/ma-loi), so the code, not
 * the HTTP status, decides everything here.
 */
import { codeInfo, loginCannotFix, OA_CODES, type ApiFamily, type RetryClass } from './error-codes.js';
import { redact } from './redact.js';

export type { ApiFamily, RetryClass } from './error-codes.js';

export type ZaloErrorKind =
  | 'auth' | 'rate_limit' | 'quota' | 'invalid_request' | 'recipient' | 'permission'
  | 'not_found' | 'unavailable' | 'network' | 'timeout' | 'response_shape' | 'input' | 'unknown';

/** Open API codes; per-family tables and classes live in error-codes.ts (ZALO_API.md §14). */
export const CODE_TABLE = OA_CODES;

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
  /** What to do next (ZALO_API.md §14): retry, refresh_once, fix_input, give_up, needs_person. */
  retryClass?: RetryClass;
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
  readonly retryClass?: RetryClass;

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
    this.retryClass = init.retryClass;
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

/** The family in an endpoint label `METHOD family/path` (see client.ts). */
function familyOf(endpoint: string | undefined): ApiFamily | undefined {
  const m = endpoint && /^\w+ (openapi|oauth|zns)\//.exec(endpoint);
  return m ? (m[1] as ApiFamily) : undefined;
}

/** Build the typed error for an envelope `{ error: code, message }` (like openai-node's APIError.generate). */
export function apiErrorFromCode(code: number, message: string, extra: Omit<ZaloErrorInit, 'code'> & { family?: ApiFamily } = {}): ZaloApiError {
  const { family = familyOf(extra.endpoint), ...init } = extra;
  const info = codeInfo(code, family, message);
  const kind = info?.kind ?? 'unknown';
  const Cls = CLASS_BY_KIND[kind] ?? ZaloApiError;
  return new Cls(message || `Zalo error ${code}`, {
    code,
    kind,
    hint: info?.hint ?? 'Check the input against the tool description; if it persists, report the Zalo error code.',
    retryable: info?.retryable ?? false,
    ...(info ? { retryClass: info.class } : {}),
    ...init,
  });
}

/**
 * The hint for a failed token refresh: re-login fixes a spent or revoked refresh token, but not a
 * wrong app id or secret, nor an unreachable Zalo — those say what to check instead.
 */
export function refreshFailureHint(err: unknown, relogin: string): string {
  if (err instanceof ZaloNetworkError || err instanceof ZaloTimeoutError || err instanceof ZaloHttpError) {
    return 'Zalo\'s OAuth server could not be reached: check the network and ZALO_OAUTH_URL. The stored tokens are kept; logging in again will not help.';
  }
  if (err instanceof ZaloError && err.code !== null && loginCannotFix(err.code, err.message)) return err.hint;
  return relogin;
}

/** Codes after which a fresh access token should be fetched and the call replayed once. */
export function isTokenInvalid(err: unknown): boolean {
  return err instanceof ZaloAuthError && (err.code === -216 || err.code === -220 || err.code === -124);
}
