import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadSourceInput } from '../../uploads/index.js';
import { uploadFrom, uploadOutput } from './upload.js';

const MAX = 5 * 1024 * 1024;

export const mediaUploadFile = defineTool({
  name: 'media_upload_file',
  toolset: 'media',
  title: 'Upload file',
  description:
    'Upload a pdf, doc or docx document (≤ 5 MB) from an upload-root path, an https URL or base64, for messages_send_file. Zalo keeps the file about 7 days.',
  input: uploadSourceInput(MAX, 'pdf/doc/docx'),
  output: { token: z.string().describe('Pass to messages_send_file'), ...uploadOutput },
  annotations: CREATE,
  handler: async (args, ctx) => {
    const { result, ...rest } = await uploadFrom(args, { kinds: ['pdf', 'doc', 'docx'], maxBytes: MAX, what: 'file' }, ctx, (f) => ctx.zalo.media.uploadFile(f));
    return { token: result.token, ...rest };
  },
});
