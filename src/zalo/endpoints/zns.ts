/**
 * ZBS Template Message (ex-ZNS), ZALO_API.md §10: the same approved templates go by phone on the
 * `zns` family (https://business.openapi.zalo.me) or by user_id on the Open API
 * (`/v3.0/oa/message/template`). Quota values, prices, times and ids arrive as numbers, strings or
 * null [D]; every schema coerces and lets unknown fields through.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { numberish as num, optionalNumber as optNum, optionalText as optText, stringish as str } from './shapes.js';


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

/** data of GET /template/info/v2 [D]: `price_sdt` by phone, `price_uid` by user_id. */
export const znsTemplateSchema = z.looseObject({
  templateId: str,
  templateName: z.string().default(''),
  status: z.string().default('UNDEFINED'),
  listParams: z.array(znsParamSchema).default([]),
  timeout: num.optional(),
  previewUrl: optText,
  templateQuality: optText,
  templateTag: optText,
  price: optText,
  price_sdt: optText,
  price_uid: optText,
  listButtons: z.array(z.unknown()).nullish(),
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

/** data of GET /message/quota [D]: number, string or null, promotion fields only on some OAs. */
export const znsQuotaSchema = z.looseObject({
  dailyQuota: optNum,
  remainingQuota: optNum,
  dailyQuotaPromotion: optNum,
  remainingQuotaPromotion: optNum,
  monthlyPromotionQuota: optNum,
  remainingMonthlyPromotionQuota: optNum,
  estimatedNextMonthPromotionQuota: optNum,
});
export type ZnsQuota = z.infer<typeof znsQuotaSchema>;

/** data of GET /quality [D]: the OA's sending quality now and over the last 7 days. */
export const znsQualitySchema = z
  .looseObject({ oaCurrentQuality: optText, oa7dayQuality: optText })
  .nullish()
  .transform((v): { oaCurrentQuality?: string; oa7dayQuality?: string } => v ?? {});

/** data of POST /message/template (phone channel) [D]. */
export const znsSendSchema = z.looseObject({
  msg_id: str,
  sent_time: num.optional(),
  sending_mode: str.optional(),
  quota: z.looseObject({ dailyQuota: num.optional(), remainingQuota: num.optional() }).optional(),
});

/** data of POST /v3.0/oa/message/template (user_id channel) [D]: no tracking_id, a message_id. */
export const znsUidSendSchema = z.looseObject({
  message_id: str,
  user_id: str.optional(),
  sent_time: optNum,
  quota: z.looseObject({ quota_type: optText, remain: optNum }).nullish(),
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
  /** Required by Zalo on this channel (≤ 48 characters), echoed in the delivery receipt [D]. */
  tracking_id: string;
  mode?: 'development';
}

export interface ZnsUidSendBody {
  user_id: string;
  template_id: string;
  template_data: Record<string, string>;
}

export function znsEndpoints(request: OaRequest) {
  return {
    /** Send one template by phone; never retried (a duplicate reaches a real phone). */
    send: (body: ZnsSendBody) => request({ api: 'zns', method: 'POST', path: '/message/template', body, schema: znsSendSchema }),
    /** Send one template by user_id on the Open API (priced `price_uid`); never retried. */
    sendByUserId: (body: ZnsUidSendBody) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/template', body, schema: znsUidSendSchema }),
    /** Templates of the OA, `limit` ≤ 100; status 1..4 filters. */
    templates: (query: { offset: number; limit: number; status?: number }) =>
      request({ api: 'zns', method: 'GET', path: '/template/all', query, whole: true, schema: znsTemplateListSchema }),
    template: (templateId: string) =>
      request({ api: 'zns', method: 'GET', path: '/template/info/v2', query: { template_id: templateId }, schema: znsTemplateSchema }),
    quota: () => request({ api: 'zns', method: 'GET', path: '/message/quota', schema: znsQuotaSchema }),
    quality: () => request({ api: 'zns', method: 'GET', path: '/quality', schema: znsQualitySchema }),
    status: (messageId: string, phone: string) =>
      request({ api: 'zns', method: 'GET', path: '/message/status', query: { message_id: messageId, phone }, schema: znsStatusSchema }),
  };
}
