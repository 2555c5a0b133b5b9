import { CONVERSATION_PAGE_MAX } from '../../zalo/endpoints/conversations.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage, userId } from '../params.js';
import { chatMessageOutput, toChatMessage } from './format.js';

export const conversationsGetHistory = defineTool({
  name: 'conversations_get_history',
  toolset: 'conversations',
  title: 'Get conversation history',
  description:
    
    'Messages between the OA and one user, newest first.',
  input: {
    user_id: userId(),
    offset: offset(),
    count: count({ max: CONVERSATION_PAGE_MAX }),
  },
  output: pageOf(chatMessageOutput),
  annotations: READ,
  handler: async ({ user_id, offset, count }, { zalo }) => {
    const items = await zalo.conversations.history({ user_id, offset, count });
    return toPage(items.map(toChatMessage), offset, count);
  },
});
