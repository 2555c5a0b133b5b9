import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { uploadOutput, uploadRecipe } from './upload.js';

const GIF = uploadRecipe({ kinds: ['gif'], maxBytes: 5 * 1024 * 1024, what: 'GIF', label: 'GIF' });

/** The logical screen size of a GIF (bytes 6-9, little-endian) [GIF89a spec]; null when absent. */
export function gifSize(head: Uint8Array): { width: number | null; height: number | null } {
  if (head.length < 10) return { width: null, height: null };
  const read = (at: number) => head[at]! | (head[at + 1]! << 8);
  return { width: read(6) || null, height: read(8) || null };
}

export const mediaUploadGif = defineTool({
  name: 'media_upload_gif',
  toolset: 'media',
  title: 'Upload GIF',
  description:
    'Upload an animated GIF (≤ 5 MB) from an upload-root path, an https URL or base64; returns its attachment_id, width and height for messages_send_image. Zalo keeps it about 7 days.',
  input: GIF.input,
  output: {
    attachment_id: z.string().describe('Pass to messages_send_image with width and height'),
    width: z.number().nullable().describe('Pixels, from the GIF header'),
    height: z.number().nullable().describe('Pixels, from the GIF header'),
    ...uploadOutput,
  },
  annotations: CREATE,
  handler: async (args, ctx) => {
    let size = { width: null as number | null, height: null as number | null };
    const { result, ...rest } = await GIF.run(args, ctx, (f) => ctx.zalo.media.uploadGif(f), (head) => { size = gifSize(head); });
    return { attachment_id: result.attachment_id, ...size, ...rest };
  },
});
