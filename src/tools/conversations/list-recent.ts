import { z } from 'zod';
import { CONVERSATION_PAGE_MAX } from '../../zalo/endpoints/conversations.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { chatMessageOutput, fromUser, toChatMessage } from './format.js';

export const conversationsListRecent = defineTool({
  name: 'conversations_list_recent',
  toolset: 'conversations',
  title: 'List recent conversations',
  description:
    
    'Latest chats, newest first, one per user with the last message; awaiting_reply means the user wrote last.',
  input: {
    offset: offset(),
    count: count({ max: CONVERSATION_PAGE_MAX }),
  },
  output: pageOf(
    z.object({
      user_id: z.string(),
      display_name: z.string(),
      last_message: chatMessageOutput,
      awaiting_reply: z.boolean(),
    }),
  ),
  annotations: READ,
  handler: async ({ offset, count }, { zalo }) => {
    const chats = await zalo.conversations.listRecent({ offset, count });
    const items = chats.map((c) => {
      const user = fromUser(c);
      return {
        user_id: user ? c.from_id : c.to_id,
        display_name: (user ? c.from_display_name : c.to_display_name) ?? '',
        last_message: toChatMessage(c),
        awaiting_reply: user,
      };
    });
    return toPage(items, offset, count);
  },
});
