/**
 * Upload sources shared by media_upload_* and articles_upload_video: exactly one of a local
 * `path` (inside ZALO_UPLOAD_ROOTS), an https `url` or `base64` data. Size and type (by content)
 * are checked here, before anything is sent to Zalo.
 */
import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import { quiet } from '../tools/slim-schema.js';
import { ZaloInputError } from '../zalo/errors.js';
import { downloadLimited } from './download.js';
import { CONTENT_TYPES, EXTENSIONS, kindList, mb, sniff, type FileKind } from './kinds.js';
import { readLocalLimited } from './local.js';

export { assertFetchableUrl, isBlockedAddress } from './url-guard.js';
export { sniff, type FileKind } from './kinds.js';

/** Zalo keeps uploaded attachments about 7 days (ZALO_API.md section 2). */
export const UPLOAD_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Largest file accepted as base64. One stdio message is at most 10 MB (the SDK's read buffer; a
 * larger one ends the session), so base64 (4/3 of the bytes) stays near 7 MB; bigger files come by
 * path or url.
 */
export const BASE64_MAX_BYTES = 5 * 1024 * 1024;

/** Characters of base64 for `bytes` decoded bytes, with room for a data: prefix and line breaks. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4 + Math.ceil(bytes / 57) * 2 + 200;
}

/** The input fields of an upload tool; "exactly one source" is checked by readUploadSource. */
export function uploadSourceInput(maxBytes: number, what: string) {
  const base64Bytes = Math.min(maxBytes, BASE64_MAX_BYTES);
  const maxBase64 = base64Length(base64Bytes);
  const larger = base64Bytes < maxBytes ? '; larger files by path or url' : '';
  return {
    // Lengths are checked, not advertised: a model gains nothing from reading them (slim-schema.ts).
    path: quiet(z.string().min(1).max(1000), 'maxLength').optional().describe('File path in ZALO_UPLOAD_ROOTS (absolute, or relative to the first root). Give one of path, url, base64'),
    url: quiet(z.string().max(2000), 'maxLength').optional().describe('https URL; this server downloads it'),
    base64: quiet(z.string().min(4).max(maxBase64), 'minLength', 'maxLength').optional().describe(`The ${what} as base64 (data: prefix allowed), ≤ ${mb(base64Bytes)} decoded${larger}`),
    filename: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'must be a file name without directories').optional().describe('Name sent to Zalo (default: from the path/URL)'),
  };
}

export interface UploadSourceArgs {
  path?: string;
  url?: string;
  base64?: string;
  filename?: string;
}

export interface UploadSpec {
  kinds: readonly FileKind[];
  maxBytes: number;
  /** Used in messages: "image", "file", "video". */
  what: string;
}

export interface UploadContext {
  config: Pick<Config, 'uploadRoots' | 'sandbox' | 'timeoutMs'>;
  signal?: AbortSignal;
  progress?: (progress: number, total?: number, message?: string) => Promise<void>;
}

export interface UploadFile {
  bytes: Uint8Array;
  kind: FileKind;
  contentType: string;
  filename: string;
}

function decodeBase64(data: string, maxBytes: number, fileMax = maxBytes): Buffer {
  const body = data.replace(/^data:[^,]*;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) throw new ZaloInputError('base64 is not valid base64 data', 'Pass the file bytes encoded as standard base64.');
  if (Math.floor((body.length * 3) / 4) - (body.match(/=+$/)?.[0].length ?? 0) > maxBytes) {
    throw new ZaloInputError(
      `base64 data is larger than ${mb(maxBytes)} decoded`,
      fileMax > maxBytes ? `Pass files over ${mb(maxBytes)} (up to ${mb(fileMax)}) by path or url instead.` : `Zalo accepts at most ${mb(maxBytes)} here: compress or resize the file first.`,
    );
  }
  return Buffer.from(body, 'base64');
}

/** The file name a URL ends in; a malformed %-escape (`a%E0%A4%A.png`) is kept as written, not fatal. */
function urlFileName(url: URL): string {
  const last = basename(url.pathname);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Name sent to Zalo, with an extension that matches the detected kind. */
function fileName(given: string | undefined, fallback: string | undefined, kind: FileKind): string {
  const name = (given ?? fallback ?? '').replace(/[\u0000-\u001f]/g, '') || `upload.${EXTENSIONS[kind][0]}`;
  const ext = extname(name).slice(1).toLowerCase();
  return EXTENSIONS[kind].includes(ext) ? name : `${ext ? name.slice(0, -ext.length - 1) : name}.${EXTENSIONS[kind][0]}`;
}

/** Read, size-check and type-check one upload source. Throws ZaloInputError before any Zalo call. */
export async function readUploadSource(args: UploadSourceArgs, spec: UploadSpec, ctx: UploadContext): Promise<UploadFile> {
  const given = (['path', 'url', 'base64'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    throw new ZaloInputError(given.length ? `give only one source, not ${given.join(' and ')}` : `no ${spec.what} given`, 'Pass exactly one of path (inside ZALO_UPLOAD_ROOTS), url (https) or base64.');
  }
  let bytes: Uint8Array;
  let fallback: string | undefined;
  if (args.path !== undefined) {
    ({ bytes, filename: fallback } = await readLocalLimited(args.path, ctx.config.uploadRoots, spec.maxBytes));
  } else if (args.url !== undefined) {
    // At most ~20 progress notifications per download, however small the chunks.
    const step = Math.max(64 * 1024, Math.floor(spec.maxBytes / 20));
    let reported = 0;
    const got = await downloadLimited(args.url, {
      sandbox: ctx.config.sandbox, maxBytes: spec.maxBytes, timeoutMs: ctx.config.timeoutMs, signal: ctx.signal,
      onProgress: (n, total) => {
        if (n - reported < step && n !== total) return;
        reported = n;
        void ctx.progress?.(n, total ?? spec.maxBytes, 'downloading').catch(() => undefined);
      },
    });
    bytes = got.bytes;
    fallback = urlFileName(got.url) || undefined;
  } else {
    bytes = decodeBase64(args.base64!, Math.min(spec.maxBytes, BASE64_MAX_BYTES), spec.maxBytes);
  }
  if (bytes.byteLength === 0) throw new ZaloInputError(`the ${spec.what} is empty`, 'Pass a non-empty file.');
  const kind = sniff(bytes);
  if (!kind || !spec.kinds.includes(kind)) {
    throw new ZaloInputError(
      `the ${spec.what} is ${kind ? `a ${kind} file` : 'not a recognised file type'} (checked by content, not by extension); Zalo accepts ${kindList(spec.kinds)} here`,
      `Convert the file to ${kindList(spec.kinds)} first.`,
    );
  }
  return { bytes, kind, contentType: CONTENT_TYPES[kind], filename: fileName(args.filename, fallback, kind) };
}
