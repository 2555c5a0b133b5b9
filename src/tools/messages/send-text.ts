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
    'Send a consultation text to a follower (by user_id, phone, or as a reply to their message). ' +
    'Free for 48 h after the user\'s last interaction (limited count), then paid quota up to 7 days; after that use zns_send or messages_send_transaction.',
  input: {
    ...recipientInput,
    text: text(TEXT_MAX),
    quote_message_id: messageId().optional().describe('message_id to quote in this message (optional)'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ text, quote_message_id, ...to }, ctx) =>
    sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, { text, ...(quote_message_id ? { quote_message_id } : {}) })),
});
