import { defineTool, CREATE } from '../define-tool.js';
import { messageId, text } from '../params.js';
import { recipientInput, sendOutput, sendToRecipient } from './recipient.js';

/** Zalo's limit for a consultation text [C]. */
export const TEXT_MAX = 2000;

export const messagesSendText = defineTool({
  name: 'messages_send_text',
  toolset: 'messages',
  title: 'Send text message',
  description:
    
    'Send a consultation text. Free for 48 h after the user\'s last interaction, paid up to 7 days; after that only a template reaches them (zns_send with user_id).',
  input: {
    ...recipientInput,
    text: text(TEXT_MAX),
    quote_message_id: messageId().optional().describe('message_id to quote'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ text, quote_message_id, ...to }, ctx) =>
    sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, { text, ...(quote_message_id ? { quote_message_id } : {}) })),
});
