/**
 * Call permission ("consent") for Zalo Cloud Connect calls from the OA to a user.
 *
 * Source [C-medium]: a docs-derived ZCC guide and two independent clients agree on
 *   POST /v2.0/oa/call/requestconsent  {phone: "84…", call_type: audio|video|audio_and_video, reason_code: 101…}
 *   GET  /v2.0/oa/call/checkconsent    ?data={"phone":"84…"}  →  {error, message, expired_time}
 * [I]: one client sends `user_id` instead of `phone` for either call; we do the same when only a
 * user_id is known. Zalo reports the consent STATE through the envelope's `error` field with
 * POSITIVE codes (0 approved, 1 already allowed, 2 request sent, 3 rejected, 4 blocked, 8 waiting,
 * 16 expired, 20 never requested...), so positive codes are states here, not failures.
 */
import { z } from 'zod';
import { ZaloApiError } from '../errors.js';
import type { OaRequest } from './request.js';
import { optionalNumber, optionalText } from './shapes.js';

/** reason_code values of requestconsent [C: ZCC guide]. */
export const CALL_REASONS = {
  product_service_consulting: 101,
  order_appointment_confirmation: 103,
  delivery_notification: 105,
  flight_announcement: 106,
  update_order: 107,
} as const;
export type CallReason = keyof typeof CALL_REASONS;
export const CALL_TYPES = ['audio', 'video', 'audio_and_video'] as const;

/** `not_follower` is ours: Zalo answered -213 for a user who unfollowed the OA. */
export type ConsentState = 'granted' | 'pending' | 'rejected' | 'blocked' | 'expired' | 'not_requested' | 'no_interaction' | 'not_follower';

/** Positive codes that describe a consent state [C: ZCC guide's table]. */
const STATE_BY_CODE: Record<number, ConsentState> = {
  0: 'granted', 1: 'granted', 2: 'pending', 3: 'rejected', 4: 'blocked', 8: 'pending', 9: 'no_interaction', 16: 'expired', 20: 'not_requested',
};

/** Positive codes that are real failures, with what to do. */
const FAILURES: Record<number, string> = {
  5: 'Too many permission requests for now: try again later.',
  6: 'The app or OA lacks the call permission: enable "Gọi thoại" for the app and authorise it for the OA.',
  7: 'Zalo needs a reason for the request: pass a reason.',
  18: 'Outside the OA\'s call working hours.',
  19: 'Outside the permitted time range for calls.',
  21: 'The OA has turned calls off.',
};

const consentBody = z.looseObject({ error: z.coerce.number().optional(), message: z.string().optional(), expired_time: z.coerce.number().optional() });

export type CallTarget = { phone: string } | { user_id: string };

export interface ConsentResult {
  state: ConsentState;
  /** Epoch ms when a granted permission ends (Zalo's `expired_time`; seconds are scaled up). */
  expires_at?: number;
  code: number;
  message: string;
}

function toMs(t: number | undefined): number | undefined {
  if (!t) return undefined;
  return t < 1e12 ? t * 1000 : t;
}

/** A positive code is a state (or a failure we explain); negative codes stay Zalo errors. */
function asState(err: unknown): ConsentResult {
  if (!(err instanceof ZaloApiError) || err.code === null || err.code <= 0) throw err;
  const state = STATE_BY_CODE[err.code];
  if (state) return { state, code: err.code, message: err.message };
  throw new ZaloApiError(err.message, { code: err.code, kind: 'permission', endpoint: err.endpoint, hint: FAILURES[err.code] ?? 'Zalo refused the call-permission request; see its message.' });
}

/**
 * data of POST /v3.0/oa/call/outbound [D S§10.2; I]: a link (and QR code) the user opens to take the
 * call, not a dialled call; `ttl` in seconds (172800 = 48 h).
 */
const callLinkSchema = z.looseObject({
  call_link: z.string().min(1),
  qr_code: optionalText,
  ttl: optionalNumber,
});

export function callsEndpoints(request: OaRequest) {
  return {
    /**
     * A call link for a user who allowed calls. A positive code is a consent state that stops the
     * link (not requested, waiting, expired...): it becomes an error naming what to do.
     */
    async createLink(body: { user_id: string; call_type: (typeof CALL_TYPES)[number]; agent_id?: string }) {
      try {
        return await request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/call/outbound', body, schema: callLinkSchema });
      } catch (err) {
        if (!(err instanceof ZaloApiError) || err.code === null || err.code <= 0) throw err;
        const state = STATE_BY_CODE[err.code];
        throw new ZaloApiError(err.message, {
          code: err.code, kind: 'permission', endpoint: err.endpoint,
          hint: state ? `Call permission is ${state.replace('_', ' ')}: ask with calls_request_permission, then check calls_check_permission.` : (FAILURES[err.code] ?? 'Zalo refused the call link; see its message.'),
        });
      }
    },
    /** Ask the user (by phone, or user_id [I]) to allow calls from the OA; Zalo charges per request. */
    async requestConsent(target: CallTarget, callType: (typeof CALL_TYPES)[number], reason: CallReason): Promise<ConsentResult> {
      try {
        const body = await request({
          api: 'openapi', method: 'POST', path: '/v2.0/oa/call/requestconsent', whole: true, schema: consentBody,
          body: { ...target, call_type: callType, reason_code: CALL_REASONS[reason] },
        });
        return { state: 'pending', code: body.error ?? 0, message: body.message ?? 'Request sent', expires_at: toMs(body.expired_time) };
      } catch (err) {
        return asState(err);
      }
    },
    /** The current consent state for one user. */
    async checkConsent(target: CallTarget): Promise<ConsentResult> {
      try {
        const body = await request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/call/checkconsent', data: target, whole: true, schema: consentBody });
        return { state: 'granted', code: 0, message: body.message ?? 'User approved the request', expires_at: toMs(body.expired_time) };
      } catch (err) {
        return asState(err);
      }
    },
  };
}
