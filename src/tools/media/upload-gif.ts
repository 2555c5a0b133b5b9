import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadSourceInput } from '../../uploads/index.js';
import { rememberGifAttachment } from './gif-attachments.js';
import { uploadFrom, uploadOutput } from './upload.js';

const MAX = 5 * 1024 * 1024;

export const mediaUploadGif = defineTool({
  name: 'media_upload_gif',
  toolset: 'media',
  title: 'Upload GIF',
  description:
    'Upload an animated GIF (≤ 5 MB) from an upload-root path, an https URL or base64, for messages_send_image. Zalo keeps the attachment about 7 days.',
  input: uploadSourceInput(MAX, 'GIF'),
  output: { attachment_id: z.string().describe('Pass to messages_send_image'), ...uploadOutput },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, ...rest } = await uploadFrom(args, { kinds: ['gif'], maxBytes: MAX, what: 'GIF' }, ctx, (f) => ctx.zalo.media.uploadGif(f));
    rememberGifAttachment(result.attachment_id);
    return { attachment_id: result.attachment_id, ...rest };
  },
});
