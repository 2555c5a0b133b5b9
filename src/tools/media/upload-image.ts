import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadOutput, uploadRecipe } from './upload.js';

const IMAGE = uploadRecipe({ kinds: ['jpg', 'png'], maxBytes: 1024 * 1024, what: 'image', label: 'jpg/png image' });

export const mediaUploadImage = defineTool({
  name: 'media_upload_image',
  toolset: 'media',
  title: 'Upload image',
  description:
    'Upload a jpg/png image (≤ 1 MB) from an upload-root path, an https URL or base64, for messages_send_image. Use media_upload_gif for GIFs. Zalo keeps the attachment about 7 days.',
  input: IMAGE.input,
  output: { attachment_id: z.string().describe('Pass to messages_send_image'), ...uploadOutput },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, ...rest } = await IMAGE.run(args, ctx, (f) => ctx.zalo.media.uploadImage(f));
    return { attachment_id: result.attachment_id, ...rest };
  },
});
