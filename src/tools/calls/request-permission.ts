import { z } from 'zod';
import { CALL_REASONS, CALL_TYPES, type CallReason, type ConsentState } from '../../zalo/endpoints/calls.js';
import { oneTarget } from '../../zalo/status.js';
import { CREATE, defineTool } from '../define-tool.js';
import { phone, userId } from '../params.js';

const REASONS = Object.keys(CALL_REASONS) as [CallReason, ...CallReason[]];

/** Zalo answers some requests with a state instead of sending one (already allowed, waiting, never interacted...). */
const MESSAGES: Partial<Record<ConsentState, string>> = {
  granted: 'The user already allows calls from the OA.',
  pending: 'Request sent (or already waiting); the user has 24 h to answer. Check with calls_check_permission.',
};

export const callsRequestPermission = defineTool({
  name: 'calls_request_permission',
  toolset: 'calls',
  title: 'Request call permission',
  description:
    'Ask a follower, in Zalo, to allow calls from the OA (Zalo Cloud Connect); the user has 24 h to answer and a grant lasts 30 days. Zalo charges each request: check calls_check_permission first.',
  input: {
    user_id: userId().optional(),
    phone: phone().optional(),
    call_type: z.enum(CALL_TYPES).default('audio').describe('audio | video | audio_and_video'),
    reason: z.enum(REASONS).describe('Why the OA will call, shown to the user'),
  },
  output: {
    state: z.string(),
    granted: z.boolean(),
    expires_at: z.string().nullable(),
    message: z.string(),
  },
  annotations: CREATE,
  handler: async ({ user_id, phone: rawPhone, call_type, reason }, { zalo }) => {
    const r = await zalo.calls.requestConsent(oneTarget(user_id, rawPhone), call_type, reason);
    return {
      state: r.state,
      granted: r.state === 'granted',
      expires_at: r.expires_at ? new Date(r.expires_at).toISOString() : null,
      message: MESSAGES[r.state] ?? `No request sent: ${r.message} (Zalo code ${r.code}). See calls_check_permission.`,
    };
  },
});
