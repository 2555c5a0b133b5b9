import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';

export const messagesSendSticker = defineTool({
  name: 'messages_send_sticker',
  toolset: 'messages',
  title: 'Send sticker',
  description: 'Send a Zalo sticker by its attachment_id. Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    sticker_id: z.string().regex(/^[\w-]{1,100}$/, 'must be a Zalo sticker attachment_id').describe('Sticker attachment_id'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ sticker_id, ...to }, ctx) =>
    sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, {
        attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'sticker', attachment_id: sticker_id }] } },
      })),
});
