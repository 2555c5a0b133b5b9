import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { text } from '../params.js';
import { TEXT_MAX } from './send-text.js';

export const messagesSendGroupText = defineTool({
  name: 'messages_send_group_text',
  toolset: 'messages',
  title: 'Send group text',
  description:
    'Send a text to a group chat (GMF) the OA is in; needs the OA\'s GMF package.',
  input: {
    group_id: z.string().regex(/^[\w-]{1,64}$/, 'must be a Zalo group_id').describe('Group id'),
    text: text(TEXT_MAX),
  },
  output: {
    message_id: z.string(),
    group_id: z.string(),
    sent_at: z.string(),
  },
  annotations: CREATE,
  handler: async ({ group_id, text }, ctx) => {
    const r = await ctx.zalo.messages.sendGroup(group_id, { text });
    return { message_id: r.message_id, group_id, sent_at: new Date(ctx.now()).toISOString() };
  },
});
