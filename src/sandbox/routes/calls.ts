/**
 * Call-permission ("consent") routes of the simulator; see src/zalo/endpoints/calls.ts for the
 * sources. Zalo reports the consent state in the envelope's `error` with positive codes. Users
 * for whom acceptsCalls() is true grant permission as soon as it is asked; the others leave the
 * request pending (expired after 24 h). Users who unfollowed get -213.
 */
import { randomBytes } from 'node:crypto';
import { invalid, raw, SimError, type Route } from '../router.js';
import { slice, type Follower, type OaState } from '../state.js';
import { toPhone84 as tryNormalizePhone } from '../phone.js';
import { CALL_CONSENT_REPLY_MS, CALL_CONSENT_VALID_MS } from '../rules.js';

interface Consent {
  requested_at: number;
  granted_at?: number;
  call_type: string;
  reason_code: number;
}

const REASONS = new Set([101, 103, 105, 106, 107]);
const CALL_TYPES = new Set(['audio', 'video', 'audio_and_video']);

/** Deterministic: followers whose user_id ends in an even digit accept at once. */
export function acceptsCalls(userId: string): boolean {
  return Number(userId.at(-1)) % 2 === 0;
}

export function consents(oa: OaState): Map<string, Consent> {
  return slice(oa, 'calls', () => new Map<string, Consent>());
}

function target(oa: OaState, src: Record<string, unknown>): Follower {
  if (src.user_id !== undefined && src.user_id !== '') {
    const f = oa.followers.get(String(src.user_id));
    if (!f) throw invalid('user_id');
    return found(f);
  }
  if (src.phone === undefined || src.phone === '') throw invalid('phone');
  const phone = tryNormalizePhone(String(src.phone));
  if (!phone) throw invalid('phone');
  const f = [...oa.followers.values()].find((x) => x.shared_info?.phone && tryNormalizePhone(x.shared_info.phone) === phone);
  if (!f) throw new SimError(9, 'User has not interacted with this OA');
  return found(f);
}

function found(f: Follower): Follower {
  if (!f.is_follower) throw new SimError(-213, 'User has not followed the OA');
  return f;
}

function grantedUntil(c: Consent | undefined, now: number): number | undefined {
  return c?.granted_at !== undefined && now < c.granted_at + CALL_CONSENT_VALID_MS ? c.granted_at + CALL_CONSENT_VALID_MS : undefined;
}

/** Call links live 48 h [D S§10.2]. */
const CALL_LINK_TTL_S = 172_800;

export const callsRoutes: Route[] = [
  {
    // A link the user opens to take the call, for a user who granted permission; the consent
    // states answer with the same positive codes as checkconsent.
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/call/outbound',
    handle: ({ req, oa, now }) => {
      if (req.body.user_id === undefined || req.body.user_id === '') throw invalid('user_id');
      const f = target(oa, { user_id: req.body.user_id });
      if (!CALL_TYPES.has(String(req.body.call_type))) throw invalid('call_type');
      if (req.body.agent_id !== undefined && (typeof req.body.agent_id !== 'string' || !req.body.agent_id)) throw invalid('agent_id');
      const c = consents(oa).get(f.user_id);
      if (!c) throw new SimError(20, 'OA has not requested consent from this user');
      if (grantedUntil(c, now) === undefined) {
        if (c.granted_at !== undefined || now >= c.requested_at + CALL_CONSENT_REPLY_MS) throw new SimError(16, 'Consent expired');
        throw new SimError(8, 'Waiting for user approval');
      }
      const id = randomBytes(12).toString('base64url');
      return { call_link: `https://zalo.me/call/sandbox/${id}`, qr_code: `https://sandbox-media.zalo.me/qr/call-${id}.png`, ttl: CALL_LINK_TTL_S };
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/call/requestconsent',
    handle: ({ req, oa, now }) => {
      const f = target(oa, req.body);
      if (!CALL_TYPES.has(String(req.body.call_type))) throw invalid('call_type');
      const reason = Number(req.body.reason_code);
      if (!REASONS.has(reason)) throw new SimError(7, 'Need reason code to request consent');
      const all = consents(oa);
      const current = all.get(f.user_id);
      if (grantedUntil(current, now) !== undefined) throw new SimError(1, 'Already allowed to call');
      if (current && current.granted_at === undefined && now < current.requested_at + CALL_CONSENT_REPLY_MS) throw new SimError(8, 'Waiting for user approval');
      all.set(f.user_id, { requested_at: now, call_type: String(req.body.call_type), reason_code: reason, ...(acceptsCalls(f.user_id) ? { granted_at: now } : {}) });
      return raw({ error: 0, message: 'Request sent' });
    },
  },
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/call/checkconsent',
    handle: ({ req, oa, now }) => {
      const f = target(oa, req.data);
      const c = consents(oa).get(f.user_id);
      if (!c) throw new SimError(20, 'OA has not requested consent from this user');
      const until = grantedUntil(c, now);
      if (until !== undefined) return raw({ error: 0, message: 'User approved the request', expired_time: until });
      if (c.granted_at !== undefined || now >= c.requested_at + CALL_CONSENT_REPLY_MS) throw new SimError(16, 'Consent expired');
      throw new SimError(8, 'Waiting for user approval');
    },
  },
];
