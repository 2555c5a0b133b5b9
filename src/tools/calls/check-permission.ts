import { z } from 'zod';
import { callByPhone, callByUserId, gatherStatusFacts, oneTarget } from '../../zalo/status.js';
import { defineTool, READ } from '../define-tool.js';
import { phone, userId } from '../params.js';

const verdict = z.object({ value: z.boolean(), reason: z.string() });

export const callsCheckPermission = defineTool({
  name: 'calls_check_permission',
  toolset: 'calls',
  title: 'Check call permission',
  description:
    'Whether the OA may call a user now: by phone (needs the user\'s granted permission, 30 days) and by Zalo user_id (needs an interaction within 30 days). Free; use before calls_request_permission.',
  input: {
    user_id: userId().optional(),
    phone: phone().optional(),
  },
  output: {
    user_id: z.string().nullable(),
    state: z.string(),
    granted: z.boolean(),
    expires_at: z.string().nullable(),
    can_call_by_phone: verdict,
    can_call_by_zalo_id: verdict,
  },
  annotations: READ,
  handler: async ({ user_id, phone: rawPhone }, { zalo, now, progress }) => {
    const facts = await gatherStatusFacts(zalo, { ...oneTarget(user_id, rawPhone), zns: false, strictCall: true, onScan: (n: number, total: number) => progress(n, total, 'looking for the phone among followers') }, now());
    const none = { value: false, reason: 'no follower of this OA has this phone number' };
    const byPhone = facts.follower ? callByPhone(facts) : none;
    const state = facts.follower ? (facts.call?.state ?? 'unknown') : 'unknown_phone';
    return {
      user_id: facts.follower?.user_id ?? null,
      state,
      granted: byPhone.value,
      expires_at: facts.call?.expires_at ? new Date(facts.call.expires_at).toISOString() : null,
      can_call_by_phone: byPhone,
      can_call_by_zalo_id: facts.follower ? callByUserId(facts.now, facts.follower.last_interaction_ms) : none,
    };
  },
});
