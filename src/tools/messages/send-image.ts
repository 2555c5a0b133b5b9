import { z } from 'zod';
import { ZaloInputError } from '../../zalo/errors.js';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl, text } from '../params.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';
import { TEXT_MAX } from './send-text.js';

const side = (what: string) => z.number().int().min(1).max(65_535).optional().describe(`GIF only: ${what} in px (media_upload_gif returns it)`);

export const messagesSendImage = defineTool({
  name: 'messages_send_image',
  toolset: 'messages',
  title: 'Send image message',
  description:
    'Send an image or GIF (URL or attachment_id from media_upload_image/_gif); a GIF needs width and height. Same window as messages_send_text.',
  input: {
    ...userRecipientInput,
    image_url: httpsUrl('jpg/png/gif image; or attachment_id').optional(),
    attachment_id: z.string().min(1).max(500).optional().describe('From media_upload_image/_gif; or image_url'),
    width: side('width'),
    height: side('height'),
    caption: text(TEXT_MAX, 'Caption').optional(),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ image_url, attachment_id, width, height, caption, ...to }, ctx) => {
    if ((image_url === undefined) === (attachment_id === undefined)) {
      throw new ZaloInputError('image missing or ambiguous: give exactly one of image_url or attachment_id', 'Pass an https image_url, or the attachment_id returned by media_upload_image.');
    }
    // Zalo needs width and height on every GIF element [C]; giving them is what marks a GIF.
    const gif = width !== undefined || height !== undefined || /\.gif(?:[?#]|$)/i.test(image_url ?? '');
    if (gif && (width === undefined || height === undefined)) {
      throw new ZaloInputError(`a GIF needs both width and height (${width === undefined ? 'width' : 'height'} missing)`, 'Pass the width and height media_upload_gif returned, or the GIF\'s size in pixels.');
    }
    const element = {
      media_type: gif ? 'gif' : 'image',
      ...(image_url ? { url: image_url } : { attachment_id }),
      ...(gif ? { width, height } : {}),
    };
    return sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendCs(recipient, {
        ...(caption ? { text: caption } : {}),
        attachment: { type: 'template', payload: { template_type: 'media', elements: [element] } },
      }));
  },
});
