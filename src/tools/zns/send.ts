import { z } from 'zod';
import { ZNS_TRACKING_ID_MAX } from '../../zalo/rules.js';
import { normalizePhone } from '../../zalo/phone.js';
import { CREATE, defineTool } from '../define-tool.js';
import { phone } from '../params.js';
import { recordSent } from '../../store/record.js';
import { checkTemplateData, getTemplate } from './templates.js';

export const znsSend = defineTool({
  name: 'zns_send',
  toolset: 'zns',
  title: 'Send ZNS message',
  description:
    'Send an approved ZNS template to a phone number; reaches any Zalo user, follower or not. Use it when consultation messages are closed (see followers_check_status). Costs ZNS quota; template_data is checked against the template first.',
  input: {
    phone: phone(),
    template_id: z.string().regex(/^\d{1,20}$/, 'must be a numeric template id').describe('ZNS template id (digits), from zns_list_templates'),
    template_data: z
      .record(z.string().regex(/^\w{1,64}$/, 'parameter names are letters, digits or _').max(64), z.string().max(500))
      .describe('Template parameters by name, all values as strings (see zns_get_template for names and length limits)'),
    tracking_id: z.string().min(1).max(ZNS_TRACKING_ID_MAX).optional().describe(`Your own reference for this send (1-${ZNS_TRACKING_ID_MAX} characters)`),
    mode: z.enum(['development']).optional().describe('"development": test send, delivered only to the OA\'s admins/testers, no quota used'),
  },
  output: {
    message_id: z.string(),
    phone: z.string(),
    template_id: z.string(),
    sent_time: z.string().nullable(),
    tracking_id: z.string().nullable(),
    development: z.boolean(),
    daily_quota: z.number().nullable(),
    remaining_quota: z.number().nullable(),
  },
  annotations: CREATE,
  handler: async ({ phone: raw, template_id, template_data, tracking_id, mode }, ctx) => {
    const phone84 = normalizePhone(raw);
    checkTemplateData(await getTemplate(ctx, template_id), template_data);
    const r = await ctx.zalo.zns.send({ phone: phone84, template_id, template_data, ...(tracking_id ? { tracking_id } : {}), ...(mode ? { mode } : {}) });
    await recordSent(ctx, { messageId: r.msg_id, type: 'template', phone: phone84, templateId: template_id, trackingId: tracking_id, time: r.sent_time ? Number(r.sent_time) : undefined });
    return {
      message_id: r.msg_id,
      phone: phone84,
      template_id,
      sent_time: r.sent_time ? new Date(r.sent_time).toISOString() : null,
      tracking_id: tracking_id ?? null,
      development: mode === 'development',
      daily_quota: r.quota?.dailyQuota ?? null,
      remaining_quota: r.quota?.remainingQuota ?? null,
    };
  },
});
