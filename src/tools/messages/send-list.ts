import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl } from '../params.js';
import { buttonInput, toZaloButton } from './buttons.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';

const element = z.object({
  title: z.string().min(1).max(100).describe('Title'),
  subtitle: z.string().min(1).max(500).optional().describe('Subtitle'),
  image_url: httpsUrl('Image').optional(),
  url: httpsUrl('Opened on tap').optional(),
});

export const messagesSendList = defineTool({
  name: 'messages_send_list',
  toolset: 'messages',
  title: 'Send list message',
  description:
    
    'Send a list card (items with image and link, buttons), e.g. products. Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    elements: z.array(element).min(1).max(5).describe('Items; the first is shown large'),
    buttons: z.array(buttonInput).max(5).optional().describe('Buttons'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ elements, buttons, ...to }, ctx) => {
    const zaloButtons = buttons?.map(toZaloButton);
    const zaloElements = elements.map((e) => ({
      title: e.title,
      ...(e.subtitle ? { subtitle: e.subtitle } : {}),
      ...(e.image_url ? { image_url: e.image_url } : {}),
      ...(e.url ? { default_action: { type: 'oa.open.url', url: e.url } } : {}),
    }));
    return sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, {
        attachment: { type: 'template', payload: { template_type: 'list', elements: zaloElements, ...(zaloButtons?.length ? { buttons: zaloButtons } : {}) } },
      }));
  },
});
