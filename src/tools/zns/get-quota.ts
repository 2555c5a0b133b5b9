import { z } from 'zod';
import { ZaloApiError } from '../../zalo/errors.js';
import { tryStore } from '../../store/record.js';
import { defineTool, READ } from '../define-tool.js';

const n = () => z.number().nullable();

export const znsGetQuota = defineTool({
  name: 'zns_get_quota',
  toolset: 'zns',
  title: 'Get template quota',
  description:
    'Template messages the OA may still send today, promotion quotas where Zalo gives them, and the OA\'s sending quality now and last week (it drives the daily quota). zns_send fails once remaining reaches 0.',
  input: {},
  output: {
    daily_quota: n(),
    remaining_quota: n(),
    daily_quota_promotion: n(),
    remaining_quota_promotion: n(),
    monthly_quota_promotion: n(),
    remaining_monthly_quota_promotion: n(),
    current_quality: z.string().nullable(),
    last_week_quality: z.string().nullable(),
  },
  annotations: READ,
  handler: async (_args, ctx) => {
    const { zalo } = ctx;
    // Quality is a separate read that some OAs are not given: its refusal leaves the quota readable.
    const [q, quality] = await Promise.all([
      zalo.zns.quota(),
      zalo.zns.quality().catch((e: unknown) => {
        if (e instanceof ZaloApiError) return { oaCurrentQuality: undefined, oa7dayQuality: undefined };
        throw e;
      }),
    ]);
    const v = (x: number | undefined) => x ?? null;
    // Zalo may leave dailyQuota empty; a change_oa_daily_quota webhook announced the current tier.
    const announced = q.dailyQuota ?? Number((await (await tryStore(ctx))?.getValue(ctx.oa, 'zns_daily_quota'))?.value ?? Number.NaN);
    const raw = q as Record<string, unknown>;
    const text = (...xs: unknown[]) => (xs.find((x) => typeof x === 'string' && x !== '') as string | undefined) ?? null;
    return {
      daily_quota: Number.isFinite(announced) ? announced : null,
      remaining_quota: v(q.remainingQuota),
      daily_quota_promotion: v(q.dailyQuotaPromotion),
      remaining_quota_promotion: v(q.remainingQuotaPromotion),
      monthly_quota_promotion: v(q.monthlyPromotionQuota),
      remaining_monthly_quota_promotion: v(q.remainingMonthlyPromotionQuota),
      current_quality: text(quality.oaCurrentQuality, raw.oaCurrentQuality),
      last_week_quality: text(quality.oa7dayQuality, raw.oa7dayQuality),
    };
  },
});
