import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';

export const oaGetQuota = defineTool({
  name: 'oa_get_quota',
  toolset: 'oa',
  title: 'Get message quota for a user',
  description:
    'How many messages the OA may still send one user: free consultation replies left in the 48 h window after their last interaction, and promotion messages left today and this month. For a full can-I-message verdict with reasons use followers_check_status.',
  input: { user_id: userId() },
  output: {
    user_id: z.string(),
    last_interaction_at: z.string().nullable().describe('ISO 8601 time of the user\'s last interaction'),
    consultation: z.object({ free_remaining: z.number(), free_total: z.number() }).nullable(),
    promotion: z
      .object({ daily_remaining: z.number(), daily_total: z.number(), monthly_remaining: z.number(), monthly_total: z.number() })
      .nullable(),
  },
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => {
    const q = await zalo.oa.quota(user_id);
    return {
      user_id,
      last_interaction_at: q.last_interaction ? new Date(q.last_interaction).toISOString() : null,
      consultation: q.cs_reply ? { free_remaining: q.cs_reply.remain, free_total: q.cs_reply.total } : null,
      promotion: q.promotion
        ? {
            daily_remaining: q.promotion.daily_remain,
            daily_total: q.promotion.daily_total,
            monthly_remaining: q.promotion.monthly_remain,
            monthly_total: q.promotion.monthly_total,
          }
        : null,
    };
  },
});
