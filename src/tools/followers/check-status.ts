import { z } from 'zod';
import { computeUserStatus, gatherStatusFacts, oneTarget } from '../../zalo/status.js';
import { defineTool, READ } from '../define-tool.js';
import { indexedUserByPhone } from './lookup.js';
import { phone, userId } from '../params.js';

const verdict = z.object({ value: z.boolean(), reason: z.string() });

export const followersCheckStatus = defineTool({
  name: 'followers_check_status',
  toolset: 'followers',
  title: 'Check how a user can be reached',
  description:
    'Whether and how the OA can reach a user now (consultation, transaction, promotion, ZNS, call), each with Zalo\'s reason. By user_id or phone; a phone no follower has can only get ZNS.',
  input: {
    user_id: userId().optional(),
    phone: phone().optional(),
  },
  output: {
    following_status: z.enum(['following', 'not_following', 'unknown_phone']),
    user_id: z.string().nullable(),
    phone: z.string().nullable(),
    last_user_activity_time: z.string().nullable(),
    can_send_consultation_message: verdict.extend({ expired_time: z.string().nullable(), free_remain: z.number().nullable() }),
    can_send_transaction_message: verdict,
    can_send_promotion_message: verdict,
    can_send_zns: verdict,
    can_call_zcc_by_phone: verdict,
    can_call_zcc_by_zalo_id: verdict,
  },
  annotations: READ,
  handler: async ({ user_id, phone: rawPhone }, ctx) => {
    const target = oneTarget(user_id, rawPhone);
    // The local index answers a phone in one query; without a match gatherStatusFacts scans the profiles.
    const indexed = 'phone' in target ? await indexedUserByPhone(ctx, target.phone) : undefined;
    const onScan = (n: number, total: number) => ctx.progress(n, total, 'looking for the phone among followers');
    const facts = await gatherStatusFacts(ctx.zalo, { ...target, ...(indexed ? { user_id: indexed } : {}), onScan }, ctx.now());
    const s = computeUserStatus(facts);
    return {
      ...s,
      user_id: facts.follower?.user_id ?? null,
      phone: facts.phone ?? null,
      last_user_activity_time: s.last_user_activity_time ?? null,
      can_send_consultation_message: { ...s.can_send_consultation_message, expired_time: s.can_send_consultation_message.expired_time ?? null, free_remain: s.can_send_consultation_message.free_remain ?? null },
    };
  },
});
