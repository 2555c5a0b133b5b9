import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ZNS_TRACKING_ID_MAX } from '../../zalo/rules.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import { CREATE, defineTool } from '../define-tool.js';
import { phone, userId } from '../params.js';
import { recordSent } from '../../store/record.js';
import { checkTemplateData, getTemplate } from './templates.js';

export const znsSend = defineTool({
  name: 'zns_send',
  toolset: 'zns',
  title: 'Send template message',
  description:
    'Send an approved template (ZBS, ex-ZNS) to a phone or a user_id: the way to reach a user after the 7-day consultation window (by user_id usually cheaper). template_data is checked against the template first.',
  input: {
    phone: phone().optional().describe('VN phone, e.g. 0912345678 (or user_id)'),
    user_id: userId().optional().describe('Follower user_id (or phone)'),
    template_id: z.string().regex(/^\d{1,20}$/, 'must be a numeric template id').describe('Template id (digits), from zns_list_templates'),
    template_data: z
      .record(z.string().regex(/^\w{1,64}$/, 'parameter names are letters, digits or _').max(64), z.string().max(500))
      .describe('Parameters by name, values as strings (zns_get_template lists them)'),
    tracking_id: z.string().min(1).max(ZNS_TRACKING_ID_MAX).optional().describe(`Phone only: your reference (≤ ${ZNS_TRACKING_ID_MAX} chars); generated if omitted`),
    mode: z.enum(['development']).optional().describe('Phone only: test send to the OA admins, no quota'),
  },
  output: {
    message_id: z.string(),
    channel: z.enum(['phone', 'user_id']),
    phone: z.string().nullable(),
    user_id: z.string().nullable(),
    template_id: z.string(),
    sent_time: z.string().nullable(),
    tracking_id: z.string().nullable(),
    development: z.boolean(),
    daily_quota: z.number().nullable(),
    remaining_quota: z.number().nullable(),
  },
  annotations: CREATE,
  handler: async ({ phone: raw, user_id, template_id, template_data, tracking_id, mode }, ctx) => {
    if ((raw === undefined) === (user_id === undefined)) {
      throw new ZaloInputError(`recipient ${raw === undefined ? 'missing' : 'ambiguous'}: give exactly one of phone or user_id`, 'phone goes by the business host (priced price_sdt); user_id by /v3.0/oa/message/template (price_uid).');
    }
    if (user_id !== undefined && (tracking_id !== undefined || mode !== undefined)) {
      throw new ZaloInputError(`${tracking_id !== undefined ? 'tracking_id' : 'mode'} applies to the phone channel only`, 'Drop it, or send by phone.');
    }
    const phone84 = raw === undefined ? undefined : normalizePhone(raw);
    checkTemplateData(await getTemplate(ctx, template_id), template_data);
    const sentTime = (t: number | undefined) => (t ? new Date(t).toISOString() : null);
    const base = { template_id, development: mode === 'development' };
    if (user_id !== undefined) {
      const r = await ctx.zalo.zns.sendByUserId({ user_id, template_id, template_data });
      await recordSent(ctx, { messageId: r.message_id, userId: user_id, type: 'template', templateId: template_id, time: r.sent_time });
      return { ...base, message_id: r.message_id, channel: 'user_id' as const, phone: null, user_id, sent_time: sentTime(r.sent_time), tracking_id: null, daily_quota: null, remaining_quota: r.quota?.remain ?? null };
    }
    // Zalo requires a tracking_id on this channel and echoes it in the delivery receipt.
    const tracking = tracking_id ?? `zoa-${randomUUID()}`;
    const r = await ctx.zalo.zns.send({ phone: phone84!, template_id, template_data, tracking_id: tracking, ...(mode ? { mode } : {}) });
    await recordSent(ctx, { messageId: r.msg_id, type: 'template', phone: phone84, templateId: template_id, trackingId: tracking, time: r.sent_time });
    return {
      ...base, message_id: r.msg_id, channel: 'phone' as const, phone: phone84!, user_id: null, sent_time: sentTime(r.sent_time), tracking_id: tracking,
      daily_quota: r.quota?.dailyQuota ?? null, remaining_quota: r.quota?.remainingQuota ?? null,
    };
  },
});
