/**
 * ZNS (Zalo Notification Service) endpoints, ZALO_API.md §3, on the `zns` family
 * (https://business.openapi.zalo.me). Quota values, times and ids arrive as strings [C]; every
 * schema coerces and lets unknown fields through.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { numberish as num, stringish as str } from './shapes.js';


/** `status` filter of /template/all and the status strings of its items [C]. */
export const ZNS_TEMPLATE_STATUSES = { enable: 1, pending_review: 2, reject: 3, disable: 4 } as const;
export type ZnsTemplateStatus = keyof typeof ZNS_TEMPLATE_STATUSES;

/** One listParams entry of /template/info: `require`, `maxLength`, `minLength` as Zalo spells them [C]. */
export const znsParamSchema = z.looseObject({
  name: z.string(),
  require: z.union([z.boolean(), z.string(), z.number()]).transform((v) => v === true || v === 'true' || v === 1 || v === '1').default(false),
  type: z.string().default('STRING'),
  maxLength: num.optional(),
  minLength: num.optional(),
  acceptNull: z.boolean().optional(),
});
export type ZnsParam = z.infer<typeof znsParamSchema>;

/** data of GET /template/info [C]. */
export const znsTemplateSchema = z.looseObject({
  templateId: str,
  templateName: z.string().default(''),
  status: z.string().default('UNDEFINED'),
  listParams: z.array(znsParamSchema).default([]),
  timeout: num.optional(),
  previewUrl: z.string().optional(),
  templateQuality: z.string().optional(),
  templateTag: z.string().optional(),
  price: str.optional(),
  applyTemplateQuota: z.boolean().optional(),
  templateDailyQuota: str.optional(),
  templateRemainingQuota: str.optional(),
});
export type ZnsTemplate = z.infer<typeof znsTemplateSchema>;

/** The WHOLE body of GET /template/all: `data` is the array, `metadata.total` the count [C]. */
export const znsTemplateListSchema = z.looseObject({
  data: z
    .array(z.looseObject({ templateId: str, templateName: z.string().default(''), createdTime: num.optional(), status: z.string().default('UNDEFINED'), templateQuality: z.string().optional() }))
    .nullish()
    .transform((v) => v ?? []),
  metadata: z.looseObject({ total: num.optional() }).optional(),
});

/** data of GET /message/quota [C]: strings. */
export const znsQuotaSchema = z.looseObject({
  dailyQuota: num.optional(),
  remainingQuota: num.optional(),
  dailyQuotaPromotion: num.nullish(),
  remainingQuotaPromotion: num.nullish(),
});
export type ZnsQuota = z.infer<typeof znsQuotaSchema>;

/** data of POST /message/template [C]. */
export const znsSendSchema = z.looseObject({
  msg_id: str,
  sent_time: num.optional(),
  sending_mode: str.optional(),
  quota: z.looseObject({ dailyQuota: num.optional(), remainingQuota: num.optional() }).optional(),
});

/** data of GET /message/status [C]: status 1 = delivered; delivery_time in ms (string). */
export const znsStatusSchema = z.looseObject({
  status: num.optional(),
  message: z.string().optional(),
  delivery_time: num.optional(),
});

export interface ZnsSendBody {
  /** 84xxxxxxxxx. */
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id?: string;
  mode?: 'development';
}

export function znsEndpoints(request: OaRequest) {
  return {
    /** Send one templated message; never retried (a duplicate reaches a real phone). */
    send: (body: ZnsSendBody) => request({ api: 'zns', method: 'POST', path: '/message/template', body, schema: znsSendSchema }),
    /** Templates of the OA, `limit` ≤ 100; status 1..4 filters. */
    templates: (query: { offset: number; limit: number; status?: number }) =>
      request({ api: 'zns', method: 'GET', path: '/template/all', query, whole: true, schema: znsTemplateListSchema }),
    template: (templateId: string) =>
      request({ api: 'zns', method: 'GET', path: '/template/info', query: { template_id: templateId }, schema: znsTemplateSchema }),
    quota: () => request({ api: 'zns', method: 'GET', path: '/message/quota', schema: znsQuotaSchema }),
    status: (messageId: string, phone: string) =>
      request({ api: 'zns', method: 'GET', path: '/message/status', query: { message_id: messageId, phone }, schema: znsStatusSchema }),
  };
}
