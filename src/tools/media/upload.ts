/**
 * What the four upload tools (media_upload_image/gif/file, articles_upload_video) share: one
 * recipe per kind states its limits once and gives the tool its input fields and its upload
 * step (read the source, check it, upload, describe the result). Each tool file is only its
 * contract: which Zalo endpoint, which output.
 */
import { z } from 'zod';
import type { ToolContext } from '../define-tool.js';
import { readUploadSource, uploadSourceInput, UPLOAD_TTL_MS, type UploadSourceArgs, type UploadSpec } from '../../uploads/index.js';
import type { UploadBytes } from '../../zalo/endpoints/media.js';

/** Output fields common to every upload. */
export const uploadOutput = {
  type: z.string().describe('Detected file type (by content)'),
  bytes: z.number().describe('Size uploaded, in bytes'),
  expires_at: z.string().describe('ISO time after which Zalo may drop the upload (about 7 days)'),
};

/**
 * Read + check the source, then hand the bytes to `send`; reports progress along the way.
 * `head` is the file's first bytes, for tools that read a header (GIF size).
 */
export async function uploadFrom<T>(args: UploadSourceArgs, spec: UploadSpec, ctx: ToolContext, send: (file: UploadBytes) => Promise<T>, head?: (bytes: Uint8Array) => void) {
  const file = await readUploadSource(args, spec, ctx);
  head?.(file.bytes.subarray(0, 16));
  await ctx.progress(file.bytes.byteLength, file.bytes.byteLength, `uploading ${file.filename} to Zalo`).catch(() => undefined);
  const result = await send({ filename: file.filename, contentType: file.contentType, bytes: file.bytes });
  return { result, type: file.kind, bytes: file.bytes.byteLength, expires_at: new Date(ctx.now() + UPLOAD_TTL_MS).toISOString() };
}

export interface UploadRecipe {
  /** The source fields (path, url, base64, filename) with this kind's size limit. */
  input: ReturnType<typeof uploadSourceInput>;
  run<T>(args: UploadSourceArgs, ctx: ToolContext, send: (file: UploadBytes) => Promise<T>, head?: (bytes: Uint8Array) => void): ReturnType<typeof uploadFrom<T>>;
}

/** One kind of upload: accepted types, size limit and how messages name it, stated once. */
export function uploadRecipe(spec: UploadSpec & { label: string }): UploadRecipe {
  return {
    input: uploadSourceInput(spec.maxBytes, spec.label),
    run: (args, ctx, send, head) => uploadFrom(args, spec, ctx, send, head),
  };
}
