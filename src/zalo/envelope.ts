/**
 * Zalo's envelope: failures arrive as HTTP 200 with a non-zero `error` (and sometimes as 4xx/5xx
 * with the same JSON), successes as `{ error: 0, message, data }`. The OAuth family answers a bare
 * body. This turns one answer into its data or the typed ZaloError.
 */
import type { z } from 'zod';
import { apiErrorFromCode, ZaloHttpError, ZaloResponseShapeError } from './errors.js';

export interface EnvelopeContext<T> {
  statusCode: number;
  retryAfterS?: number;
  /** `METHOD family/path`, for error messages. */
  endpoint: string;
  /** Return the envelope's `data` (Open API, ZNS) rather than the whole body (OAuth, ZNS lists). */
  dataOnly: boolean;
  schema?: z.ZodType<T>;
}

/** Zalo's `error` (a number, sometimes a numeric string), if the body is an envelope. */
export function envelopeCode(json: unknown): number | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const error = (json as { error?: unknown }).error;
  if (typeof error === 'number' && Number.isFinite(error)) return error;
  if (typeof error === 'string' && /^\s*-?\d+\s*$/.test(error)) return Number(error);
  return undefined;
}

/** The answer's data (or whole body), or the typed error it carries. */
export function readEnvelope<T>(text: string, { statusCode, retryAfterS, endpoint, dataOnly, schema }: EnvelopeContext<T>): T {
  const retryable = statusCode >= 500 || statusCode === 429;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ZaloHttpError(`Zalo answered HTTP ${statusCode} without JSON${statusCode === 404 ? ' (unknown API path)' : ''}`, {
      kind: retryable ? 'unavailable' : 'unknown', httpStatus: statusCode, endpoint, retryable, retryAfterS,
      hint: retryable ? 'Zalo is busy or unavailable: try again shortly.' : 'Check the configured Zalo base URLs.',
    });
  }
  // Only `error` decides: an odd `message` (null, an object) must not turn a failure into success.
  const code = envelopeCode(json);
  if (code !== undefined && code !== 0) {
    const o = json as Record<string, unknown>;
    const message = String(o.error_description || o.error_reason || o.message || o.error_name || `Zalo error ${code}`);
    throw apiErrorFromCode(code, message, { httpStatus: statusCode, endpoint, retryAfterS });
  }
  if (statusCode >= 400) {
    throw new ZaloHttpError(`Zalo answered HTTP ${statusCode}`, { kind: retryable ? 'unavailable' : 'unknown', httpStatus: statusCode, endpoint, retryable, retryAfterS, hint: 'Try again shortly.' });
  }
  const payload = dataOnly ? (json as { data?: unknown }).data : json;
  if (!schema) return payload as T;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZaloResponseShapeError(`Zalo's answer to ${endpoint} has an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
      kind: 'response_shape', endpoint, cause: parsed.error, hint: 'Zalo may have changed this API; please report it with the endpoint name.',
    });
  }
  return parsed.data;
}
