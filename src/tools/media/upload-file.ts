import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadOutput, uploadRecipe } from './upload.js';

const DOCUMENT = uploadRecipe({ kinds: ['pdf', 'doc', 'docx'], maxBytes: 5 * 1024 * 1024, what: 'file', label: 'pdf/doc/docx' });

export const mediaUploadFile = defineTool({
  name: 'media_upload_file',
  toolset: 'media',
  title: 'Upload file',
  description:
    'Upload a pdf, doc or docx document (≤ 5 MB) from an upload-root path, an https URL or base64, for messages_send_file. Zalo keeps the file about 7 days.',
  input: DOCUMENT.input,
  output: { token: z.string().describe('Pass to messages_send_file'), ...uploadOutput },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, ...rest } = await DOCUMENT.run(args, ctx, (f) => ctx.zalo.media.uploadFile(f));
    return { token: result.token, ...rest };
  },
});
