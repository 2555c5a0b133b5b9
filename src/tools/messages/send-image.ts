import { z } from 'zod';
import { ZaloInputError } from '../../zalo/errors.js';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl, text } from '../params.js';
import { mediaTypeFor } from '../media/gif-attachments.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';
import { TEXT_MAX } from './send-text.js';

export const messagesSendImage = defineTool({
  name: 'messages_send_image',
  toolset: 'messages',
  title: 'Send image message',
  description:
    
    'Send an image (URL or attachment_id from media_upload_image). Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    image_url: httpsUrl('jpg/png image; or attachment_id').optional(),
    attachment_id: z.string().min(1).max(500).optional().describe('From media_upload_image; or image_url'),
    caption: text(TEXT_MAX, 'Caption').optional(),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ image_url, attachment_id, caption, ...to }, ctx) => {
    if ((image_url === undefined) === (attachment_id === undefined)) {
      throw new ZaloInputError('image missing or ambiguous: give exactly one of image_url or attachment_id', 'Pass an https image_url, or the attachment_id returned by media_upload_image.');
    }
    const element = { media_type: mediaTypeFor({ image_url, attachment_id }), ...(image_url ? { url: image_url } : { attachment_id }) };
    return sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, {
        ...(caption ? { text: caption } : {}),
        attachment: { type: 'template', payload: { template_type: 'media', elements: [element] } },
      }));
  },
});
