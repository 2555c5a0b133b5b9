/**
 * Conversation endpoints: recent chats (GET /v2.0/oa/listrecentchat) and one user's history
 * (GET /v2.0/oa/conversation). Both take the JSON `data` query param and cap `count` at 10 [C].
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';

/** Zalo caps both conversation reads at 10 items per call (-210 above). */
export const CONVERSATION_PAGE_MAX = 10;

/** One chat message as Zalo lists it [C field names]; `message` is text, or a caption / label for other types. */
export const chatItemSchema = z.looseObject({
  /** 0 = OA → user, 1 = user → OA. */
  src: z.coerce.number(),
  time: z.coerce.number(),
  type: z.string().default('text'),
  message: z.unknown().transform((v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v))),
  message_id: z.coerce.string(),
  from_id: z.coerce.string(),
  to_id: z.coerce.string(),
  from_display_name: z.string().nullish(),
  to_display_name: z.string().nullish(),
  url: z.string().nullish(),
  thumb: z.string().nullish(),
});

export type ChatItem = z.infer<typeof chatItemSchema>;

/** An empty inbox may come back as `data: null` or no data at all. */
const chatListSchema = z.array(chatItemSchema).nullish().transform((v) => v ?? []);

export function conversationsEndpoints(request: OaRequest) {
  return {
    /** The latest message of each conversation, newest first. */
    listRecent: (p: { offset: number; count: number }) =>
      request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/listrecentchat', data: { offset: p.offset, count: p.count }, schema: chatListSchema }),
    /** One user's messages with the OA, newest first. */
    history: (p: { user_id: string; offset: number; count: number }) =>
      request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/conversation', data: { user_id: p.user_id, offset: p.offset, count: p.count }, schema: chatListSchema }),
  };
}
