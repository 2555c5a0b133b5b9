import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';

export const messagesSendFile = defineTool({
  name: 'messages_send_file',
  toolset: 'messages',
  title: 'Send file message',
  description:
    'Send a pdf/doc file uploaded with media_upload_file. Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    token: z.string().min(1).max(1000).describe('Token from media_upload_file'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ token, ...to }, ctx) =>
    sendToRecipient(to, ctx, (recipient) => ctx.zalo.messages.sendCs(recipient, { attachment: { type: 'file', payload: { token } } })),
});
