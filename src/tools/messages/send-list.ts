import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl } from '../params.js';
import { buttonInput, toZaloButton } from './buttons.js';
import { recipientInput, sendOutput, sendToRecipient } from './recipient.js';

const element = z.object({
  title: z.string().min(1).max(100).describe('≤100 chars'),
  subtitle: z.string().min(1).max(500).optional().describe('≤500 chars'),
  image_url: httpsUrl('Image').optional(),
  url: httpsUrl('Opened on tap').optional(),
});

export const messagesSendList = defineTool({
  name: 'messages_send_list',
  toolset: 'messages',
  title: 'Send list message',
  description:
    'Send a list card (1-5 items with image and link, up to 5 buttons), e.g. products. Same window as messages_send_text.',
  input: {
    ...recipientInput,
    elements: z.array(element).min(1).max(5).describe('1-5 items; the first is the large one'),
    buttons: z.array(buttonInput).max(5).optional().describe('0-5 buttons'),
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
