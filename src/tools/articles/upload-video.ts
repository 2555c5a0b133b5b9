import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadOutput, uploadRecipe } from '../media/upload.js';

const VIDEO = uploadRecipe({ kinds: ['mp4'], maxBytes: 50 * 1024 * 1024, what: 'video', label: 'mp4 video' });

export const articlesUploadVideo = defineTool({
  name: 'articles_upload_video',
  toolset: 'articles',
  title: 'Upload article video',
  description:
    'Upload an mp4 video (≤ 50 MB) from an upload-root path, an https URL or base64 for use in articles. Zalo processes it afterwards: poll articles_get_video_status with the returned token until it is ready.',
  input: VIDEO.input,
  output: {
    token: z.string().describe('Pass to articles_get_video_status'),
    type: uploadOutput.type,
    bytes: uploadOutput.bytes,
  },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, type, bytes } = await VIDEO.run(args, ctx, (f) => ctx.zalo.articles.prepareVideo(f));
    return { token: result.token, type, bytes };
  },
});
