/**
 * Conversation reads of the simulator: GET /v2.0/oa/listrecentchat (latest message per user) and
 * GET /v2.0/oa/conversation (one user's messages), both newest first, count capped at 10 (-210).
 */
import { invalid, need, page, type Route } from '../router.js';
import type { ChatMessage, OaState } from '../state.js';

const CAP = 10;

/** A stored message in Zalo's list item shape. */
function toZaloItem(oa: OaState, m: ChatMessage) {
  const user = { id: m.user_id, name: oa.followers.get(m.user_id)?.display_name ?? 'Người dùng Zalo' };
  const oaSide = { id: oa.profile.oa_id, name: oa.profile.name };
  const [from, to] = m.src === 1 ? [user, oaSide] : [oaSide, user];
  return {
    src: m.src,
    time: m.time,
    type: m.type,
    message: m.message,
    message_id: m.message_id,
    from_id: from.id,
    to_id: to.id,
    from_display_name: from.name,
    to_display_name: to.name,
    ...(m.url ? { url: m.url } : {}),
    ...(m.thumb ? { thumb: m.thumb } : {}),
  };
}

/** Newest first, whatever order messages were stored in. */
function newestFirst(oa: OaState): ChatMessage[] {
  return [...oa.messages].sort((a, b) => b.time - a.time);
}

export const conversationsRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/listrecentchat',
    handle: ({ req, oa }) => {
      const seen = new Set<string>();
      const latest = newestFirst(oa).filter((m) => !seen.has(m.user_id) && seen.add(m.user_id));
      return page(latest, req.data, CAP).slice.map((m) => toZaloItem(oa, m));
    },
  },
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/conversation',
    handle: ({ req, oa }) => {
      const userId = need(req.data, 'user_id');
      if (!oa.followers.has(userId)) throw invalid('user_id');
      const thread = newestFirst(oa).filter((m) => m.user_id === userId);
      return page(thread, req.data, CAP).slice.map((m) => toZaloItem(oa, m));
    },
  },
];
