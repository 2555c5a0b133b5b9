import { z } from 'zod';
import { vnTime } from '../../zalo/rules.js';
import { defineTool, READ } from '../define-tool.js';
import { userId } from '../params.js';

export const oaGetQuota = defineTool({
  name: 'oa_get_quota',
  toolset: 'oa',
  title: 'Get message quota for a user',
  description:
    'Zalo\'s message quota for one user: last interaction (UTC and Vietnam time) and free consultation replies left when Zalo reports a count (unlimited inside 48 h since 2026). followers_check_status gives the verdict with reasons.',
  input: { user_id: userId() },
  output: {
    user_id: z.string(),
    /** ISO 8601 UTC, and the same instant in Vietnam time (+07:00). */
    last_interaction_at: z.string().optional(),
    last_interaction_at_vn: z.string().optional(),
    cs_free_remaining: z.number().optional(),
    cs_free_total: z.number().optional(),
  },
  annotations: READ,
  handler: async ({ user_id }, { zalo }) => {
    const q = await zalo.oa.quota(user_id);
    // Flat fields keep the schema small; absent means Zalo did not report it.
    return {
      user_id,
      ...(q.last_interaction ? { last_interaction_at: new Date(q.last_interaction).toISOString(), last_interaction_at_vn: vnTime(q.last_interaction) } : {}),
      ...(q.cs_reply ? { cs_free_remaining: q.cs_reply.remain, cs_free_total: q.cs_reply.total } : {}),
    };
  },
});
