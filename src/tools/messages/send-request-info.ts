import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl } from '../params.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';

export const messagesSendRequestInfo = defineTool({
  name: 'messages_send_request_info',
  toolset: 'messages',
  title: 'Request user info',
  description:
    
    'Ask a follower to share name, phone and address. Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    title: z.string().min(1).max(100).describe('Title'),
    subtitle: z.string().min(1).max(500).describe('Why you ask'),
    image_url: httpsUrl('Card image'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ title, subtitle, image_url, ...to }, ctx) =>
    sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, {
        attachment: { type: 'template', payload: { template_type: 'request_user_info', elements: [{ title, subtitle, image_url }] } },
      })),
});
