import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { tryStore } from '../../store/record.js';

export const znsGetQuota = defineTool({
  name: 'zns_get_quota',
  toolset: 'zns',
  title: 'Get ZNS quota',
  description: 'How many ZNS messages the OA may still send today (and promotion ZNS, where the OA has them). zns_send fails once remaining reaches 0.',
  input: {},
  output: {
    daily_quota: z.number().nullable(),
    remaining_quota: z.number().nullable(),
    daily_quota_promotion: z.number().nullable(),
    remaining_quota_promotion: z.number().nullable(),
  },
  annotations: READ,
  handler: async (_args, ctx) => {
    const q = await ctx.zalo.zns.quota();
    // Zalo may leave dailyQuota null; the change_oa_daily_quota webhook told us the current tier.
    const announced = q.dailyQuota ?? (await (await tryStore(ctx))?.getValue(ctx.oa, 'zns_daily_quota'))?.value;
    return {
      daily_quota: announced === undefined ? null : Number(announced),
      remaining_quota: q.remainingQuota ?? null,
      daily_quota_promotion: q.dailyQuotaPromotion ?? null,
      remaining_quota_promotion: q.remainingQuotaPromotion ?? null,
    };
  },
});
