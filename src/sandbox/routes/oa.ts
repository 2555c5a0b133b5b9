/** OA profile, per-user message quota and menu (openapi /v2.0/oa/getoa, /v3.0/oa/quota/message, /v2.0/oa/menu). */
import { csFreeLeft, CS_FREE_MESSAGES_BEFORE_2026, CS_FREE_WINDOW_MS, PROMOTION_DAILY_LIMIT, PROMOTION_MONTHLY_LIMIT } from '../rules.js';
import { invalid, need, SimError, type Route } from '../router.js';
import { followerOf } from './followers.js';

const MENU_TYPES = new Set(['oa.open.url', 'oa.query.show', 'oa.query.hide', 'oa.open.sms', 'oa.open.phone']);
const MENU_MAX_BUTTONS = 3;

export const oaRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/getoa',
    // `oaid`, not `oa_id`, plus the package fields [D S§5.13].
    handle: ({ oa }) => {
      const { oa_id, ...profile } = oa.profile;
      return {
        oaid: oa_id, ...profile, oa_alias: '', oa_type: 2, cate_name: 'Thời trang', num_follower: [...oa.followers.values()].filter((f) => f.is_follower).length,
        package_name: oa.profile.is_verified ? 'Nâng cao' : 'Dùng thử', package_valid_through_date: '31/12/2026', package_auto_renew_date: '', linked_ZCA: oa.profile.is_verified ? 1 : 0,
      };
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/quota/message',
    handle: ({ req, oa, now }) => {
      const f = followerOf(oa, need(req.body, 'user_id'));
      const inWindow = now - f.last_interaction_ms <= CS_FREE_WINDOW_MS;
      const freeLeft = csFreeLeft(f.cs_used_in_window, now);
      return {
        last_interaction: Math.round(f.last_interaction_ms),
        // cs_reply is absent since free replies became unlimited (2026-01-01) [D; I].
        ...(Number.isFinite(freeLeft) ? { cs_reply: { remain: inWindow ? freeLeft : 0, total: CS_FREE_MESSAGES_BEFORE_2026 } } : {}),
        promotion: {
          daily_remain: Math.max(0, PROMOTION_DAILY_LIMIT - f.promotion_today),
          daily_total: PROMOTION_DAILY_LIMIT,
          monthly_remain: Math.max(0, PROMOTION_MONTHLY_LIMIT - f.promotion_month),
          monthly_total: PROMOTION_MONTHLY_LIMIT,
        },
      };
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/menu',
    handle: ({ req, oa }) => {
      const buttons = req.body.buttons;
      if (!Array.isArray(buttons) || buttons.length === 0) throw invalid('buttons');
      if (buttons.length > MENU_MAX_BUTTONS) throw new SimError(-210, `Parameter exceeds allowable limit: at most ${MENU_MAX_BUTTONS} buttons`);
      for (const b of buttons as Array<Record<string, unknown>>) {
        if (!b || typeof b.title !== 'string' || b.title === '') throw invalid('title');
        if (typeof b.type !== 'string' || !MENU_TYPES.has(b.type)) throw invalid('type');
        if (b.payload === undefined || b.payload === null || b.payload === '') throw invalid('payload');
      }
      oa.menu = { buttons };
      return undefined;
    },
  },
];
