import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';

export const oaGetQuota = defineTool({
  name: 'oa_get_quota',
  toolset: 'oa',
  title: 'Get message quota for a user',
  description:
    
    'Message quota left for one user: free consultation replies in the 48 h window, promotions today/this month. followers_check_status gives the verdict with reasons.',
  input: { user_id: userId() },
  output: {
    user_id: z.string(),
    /** ISO 8601. */
    last_interaction_at: z.string().optional(),
    cs_free_remaining: z.number().optional(),
    cs_free_total: z.number().optional(),
    promotion_daily_remaining: z.number().optional(),
    promotion_monthly_remaining: z.number().optional(),
  },
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => {
    const q = await zalo.oa.quota(user_id);
    // Flat fields keep the schema small; absent means Zalo did not report it.
    return {
      user_id,
      ...(q.last_interaction ? { last_interaction_at: new Date(q.last_interaction).toISOString() } : {}),
      ...(q.cs_reply ? { cs_free_remaining: q.cs_reply.remain, cs_free_total: q.cs_reply.total } : {}),
      ...(q.promotion ? { promotion_daily_remaining: q.promotion.daily_remain, promotion_monthly_remaining: q.promotion.monthly_remain } : {}),
    };
  },
});
