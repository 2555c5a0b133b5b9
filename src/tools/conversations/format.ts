/**
 * Zalo's chat item (src 0/1, from_id/to_id, epoch ms) → our message shape, shared by the
 * conversation tools and messages_get_status.
 */
import { z } from 'zod';
import type { ChatItem } from '../../zalo/endpoints/conversations.js';

/** Output shape of one chat message. */
export const chatMessageOutput = z.object({
  message_id: z.string(),
  from: z.enum(['user', 'oa']),
  /** ISO 8601. */
  time: z.string(),
  /** text, image, file, sticker, link, list, template ... */
  type: z.string(),
  /** Text, caption or label ("" when none). */
  text: z.string(),
  url: z.string().optional(),
});

export type ChatMessageOut = z.infer<typeof chatMessageOutput>;

/** Zalo's `src`: 1 = user → OA, 0 = OA → user. */
export const fromUser = (item: ChatItem): boolean => item.src === 1;

export function toChatMessage(item: ChatItem): ChatMessageOut {
  return {
    message_id: item.message_id,
    from: fromUser(item) ? 'user' : 'oa',
    time: new Date(item.time).toISOString(),
    type: item.type,
    text: item.message,
    ...(item.url ? { url: item.url } : {}),
  };
}
