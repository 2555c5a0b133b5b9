import { z } from 'zod';
import { CONVERSATION_PAGE_MAX } from '../../zalo/endpoints/conversations.js';
import { defineTool, READ } from '../define-tool.js';
import { messageId, userId } from '../params.js';
import { toChatMessage } from '../conversations/format.js';
import { storedMessage } from '../../store/record.js';

/** Pages of history searched (10 messages each): recent messages only, bounded cost. */
const MAX_PAGES = 5;
const WEBHOOK_NOTE = 'Zalo reports delivery and seen status only through webhooks (user_received_message, user_seen_message), not through the OA API.';

export const messagesGetStatus = defineTool({
  name: 'messages_get_status',
  toolset: 'messages',
  title: 'Get message status',
  description:
    `Find a message among the user's last ${MAX_PAGES * CONVERSATION_PAGE_MAX} and return its sender, time and content. ` +
    'Zalo\'s OA API has no delivery status: delivered/seen arrive only by webhook.',
  input: {
    message_id: messageId(),
    user_id: userId().describe('user_id of the conversation'),
  },
  output: {
    found: z.boolean(),
    message_id: z.string(),
    from: z.enum(['user', 'oa']).optional(),
    time: z.string().optional(),
    type: z.string().optional(),
    text: z.string().optional(),
    delivered_at: z.string().optional(),
    seen_at: z.string().optional(),
    note: z.string(),
  },
  annotations: READ,
  handler: async ({ message_id, user_id }, ctx) => {
    const { zalo, progress } = ctx;
    // The local log (webhooks, our sends) carries delivery and seen receipts Zalo's API lacks.
    const logged = await storedMessage(ctx, message_id);
    const known = logged && (logged.userId === undefined || logged.userId === user_id) ? logged : undefined;
    const iso = (t?: number) => (t !== undefined ? new Date(t).toISOString() : undefined);
    const receipts = { ...(known?.deliveredAt ? { delivered_at: iso(known.deliveredAt) } : {}), ...(known?.seenAt ? { seen_at: iso(known.seenAt) } : {}) };
    const note = known?.direction === 'out' ? (known.seenAt ? 'Seen by the user (user_seen_message webhook).' : `No seen receipt yet. ${WEBHOOK_NOTE}`) : WEBHOOK_NOTE;
    const fromLog = known && { found: true, message_id, from: known.direction === 'in' ? 'user' as const : 'oa' as const, time: iso(known.time), type: known.type, text: known.text ?? '', ...receipts, note };
    if (fromLog && known.text !== undefined) return fromLog;
    for (let p = 0; p < MAX_PAGES; p++) {
      await progress(p, MAX_PAGES, `reading history page ${p + 1}`);
      const items = await zalo.conversations.history({ user_id, offset: p * CONVERSATION_PAGE_MAX, count: CONVERSATION_PAGE_MAX });
      const hit = items.find((i) => i.message_id === message_id);
      if (hit) {
        const m = toChatMessage(hit);
        return { found: true, message_id, from: m.from, time: m.time, type: m.type, text: m.text, ...receipts, note };
      }
      if (items.length < CONVERSATION_PAGE_MAX) break;
    }
    return fromLog ?? { found: false, message_id, note: `Not among the user's last ${MAX_PAGES * CONVERSATION_PAGE_MAX} messages. ${WEBHOOK_NOTE}` };
  },
});
