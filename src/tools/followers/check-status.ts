import { z } from 'zod';
import { computeUserStatus, gatherStatusFacts, oneTarget } from '../../zalo/status.js';
import { defineTool, READ } from '../define-tool.js';
import { renderHint } from '../hints.js';
import { indexedUserByPhone } from './lookup.js';
import { phone, userId } from '../params.js';

const verdict = z.object({ value: z.boolean(), reason: z.string() });
const nul = <T extends z.ZodType>(t: T) => t.nullable();

export const followersCheckStatus = defineTool({
  name: 'followers_check_status',
  toolset: 'followers',
  title: 'Check how a user can be reached',
  description:
    'How the OA can reach a user now (Zalo\'s 2026 rules): consultation free ≤48 h then paid to 7 days, template by user_id or phone, call; each with its reason, and the cheapest way.',
  input: {
    user_id: userId().optional(),
    phone: phone().optional(),
  },
  output: {
    following_status: z.enum(['following', 'not_following', 'unknown_phone']),
    user_id: nul(z.string()),
    phone: nul(z.string()),
    last_user_activity_time: nul(z.string()),
    last_user_activity_time_vn: nul(z.string()),
    can_send_consultation_message: verdict.extend({
      /** free | paid */
      cost: nul(z.string()), expired_time: nul(z.string()), expired_time_vn: nul(z.string()), free_remain: nul(z.number()),
    }),
    can_send_template_by_user_id: verdict,
    can_send_template_by_phone: verdict,
    can_call: verdict,
    cheapest_way: z.object({
      way: z.enum(['consultation_free', 'consultation_paid', 'template_by_user_id', 'template_by_phone', 'none']),
      tool: nul(z.string()),
      reason: z.string(),
    }),
  },
  annotations: READ,
  handler: async ({ user_id, phone: rawPhone }, ctx) => {
    const { hints } = ctx;
    const target = oneTarget(user_id, rawPhone);
    // The local index answers a phone in one query; without a match gatherStatusFacts scans the profiles.
    const indexed = 'phone' in target ? await indexedUserByPhone(ctx, target.phone) : undefined;
    const onScan = (n: number, total: number) => ctx.progress(n, total, 'looking for the phone among followers');
    const facts = await gatherStatusFacts(ctx.zalo, { ...target, ...(indexed ? { user_id: indexed } : {}), onScan }, ctx.now());
    const s = computeUserStatus(facts);
    // Reasons name tools: say so when one is not exposed by this server.
    const r = <T extends { reason: string }>(v: T): T => ({ ...v, reason: renderHint(v.reason, hints) });
    const cs = s.can_send_consultation_message;
    return {
      following_status: s.following_status,
      user_id: facts.follower?.user_id ?? null,
      phone: facts.phone ?? null,
      last_user_activity_time: s.last_user_activity_time ?? null,
      last_user_activity_time_vn: s.last_user_activity_time_vn ?? null,
      can_send_consultation_message: r({
        value: cs.value, reason: cs.reason, cost: cs.cost ?? null, expired_time: cs.expired_time ?? null, expired_time_vn: cs.expired_time_vn ?? null, free_remain: cs.free_remain ?? null,
      }),
      can_send_template_by_user_id: r(s.can_send_template_by_user_id),
      can_send_template_by_phone: r(s.can_send_template_by_phone),
      can_call: r(s.can_call),
      // The way's tool may be one this server does not expose: the note goes on the reason.
      cheapest_way: { ...s.cheapest_way, reason: s.cheapest_way.reason + (s.cheapest_way.tool ? renderHint(s.cheapest_way.tool, hints).slice(s.cheapest_way.tool.length) : '') },
    };
  },
});
