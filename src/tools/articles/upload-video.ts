import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadSourceInput } from '../../uploads/index.js';
import { uploadFrom } from '../media/upload.js';

const MAX = 50 * 1024 * 1024;

export const articlesUploadVideo = defineTool({
  name: 'articles_upload_video',
  toolset: 'articles',
  title: 'Upload article video',
  description:
    'Upload an mp4 video (≤ 50 MB) from an upload-root path, an https URL or base64 for use in articles. Zalo processes it afterwards: poll articles_get_video_status with the returned token until it is ready.',
  input: uploadSourceInput(MAX, 'mp4 video'),
  output: {
    token: z.string().describe('Pass to articles_get_video_status'),
    type: z.string().describe('Detected file type (by content)'),
    bytes: z.number().describe('Size uploaded, in bytes'),
  },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, type, bytes } = await uploadFrom(args, { kinds: ['mp4'], maxBytes: MAX, what: 'video' }, ctx, (f) => ctx.zalo.articles.prepareVideo(f));
    return { token: result.token, type, bytes };
  },
});
