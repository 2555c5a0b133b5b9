/** OA endpoints: profile (GET /v2.0/oa/getoa), per-user message quota, menu. */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { numberish as num, optionalText, stringish } from './shapes.js';


/**
 * data of GET /v2.0/oa/getoa: `oaid` [D S§5.13]; one community type says `oa_id` [I], so either is
 * read (and both missing fails loudly). Unknown fields, e.g. the package ones, pass through.
 */
export const oaProfileSchema = z
  .looseObject({
    oaid: stringish.optional(),
    oa_id: stringish.optional(),
    name: z.string().default(''),
    description: z.string().default(''),
    avatar: z.string().default(''),
    cover: z.string().default(''),
    is_verified: z.boolean().optional(),
    num_follower: z.coerce.number().optional(),
    package_name: optionalText,
    package_valid_through_date: optionalText,
  })
  .refine((p) => (p.oaid ?? p.oa_id) !== undefined && (p.oaid ?? p.oa_id) !== '', { message: 'neither oaid nor oa_id', path: ['oaid'] })
  .transform(({ oaid, oa_id, ...rest }) => ({ ...rest, oa_id: (oaid ?? oa_id)! }));

/** data of POST /v3.0/oa/quota/message [C]: what the OA may still send to one user. */
export const oaQuotaSchema = z.looseObject({
  /** Epoch ms of the user's last interaction. */
  last_interaction: num.optional(),
  cs_reply: z.looseObject({ remain: num, total: num }).optional(),
  promotion: z
    .looseObject({ daily_remain: num, daily_total: num, monthly_remain: num, monthly_total: num })
    .optional(),
});
export type OaQuota = z.infer<typeof oaQuotaSchema>;

/** Action types of an OA menu button (the message button types of ZALO_API.md, [C .NET SDK]). */
export const MENU_ACTIONS = ['oa.open.url', 'oa.query.show', 'oa.query.hide', 'oa.open.sms', 'oa.open.phone'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Body of POST /v2.0/oa/menu: at most 3 main buttons. */
export interface OaMenuBody {
  buttons: Array<{ title: string; type: MenuAction; payload: unknown }>;
}

export function oaEndpoints(request: OaRequest) {
  return {
    profile: () => request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa', schema: oaProfileSchema }),
    /** A read despite POST: never stopped by dry-run, retried like any read. */
    quota: (userId: string) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/quota/message', body: { user_id: userId }, write: false, schema: oaQuotaSchema }),
    /**
     * No public source confirms a menu API [I, low]: two clients POST /v2.0/oa/menu, and fall back
     * to the OA admin page when Zalo answers -209/-212.
     */
    updateMenu: (body: OaMenuBody) => request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/menu', body }),
  };
}
