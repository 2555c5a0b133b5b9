/**
 * Media uploads (POST /v2.0/oa/upload/{image,gif,file}, multipart `file`). The simulator checks
 * type by content and size like Zalo (-201 bad or missing file, -210 over the limit) and keeps
 * each upload for 7 days; `findUpload()` lets other families (messages) resolve an id or token.
 */
import { randomBytes } from 'node:crypto';
import { sniff, type FileKind } from '../sniff.js';
import { SimError, invalid, type Route, type RouteContext } from '../router.js';
import { slice, type OaState } from '../state.js';

export interface SimUpload {
  id: string;
  kind: FileKind;
  filename: string;
  bytes: number;
  created: number;
  /** image/gif uploads are attachments; documents come back as file tokens. */
  as: 'attachment_id' | 'token';
}

export const UPLOAD_TTL_MS = 7 * 24 * 3_600_000;
const MB = 1024 * 1024;

/** The OA's uploads, by attachment_id / token. */
export function mediaUploads(oa: OaState): Map<string, SimUpload> {
  return slice(oa, 'media', () => new Map<string, SimUpload>());
}

/** An upload that still exists at `now` (Zalo forgets uploads after about 7 days: -100 on use). */
export function findUpload(oa: OaState, id: string, now: number): SimUpload | undefined {
  const u = mediaUploads(oa).get(id);
  return u && now - u.created < UPLOAD_TTL_MS ? u : undefined;
}

/** Validate the multipart `file` field against allowed kinds and a size cap; Zalo's errors otherwise. */
export function takeFile({ req }: RouteContext, kinds: FileKind[], maxBytes: number) {
  const file = req.files.get('file');
  if (!file || file.bytes.length === 0) throw invalid('file');
  const kind = sniff(file.bytes);
  if (!kind || !kinds.includes(kind)) throw new SimError(-201, `file type is invalid! Accepted: ${kinds.join(', ')}`);
  if (file.bytes.length > maxBytes) throw new SimError(-210, `Parameter exceeds allowable limit: file size must be at most ${maxBytes / MB} MB`);
  return { ...file, kind };
}

function uploadRoute(path: string, kinds: FileKind[], maxBytes: number, as: SimUpload['as']): Route {
  return {
    family: 'openapi',
    method: 'POST',
    path,
    handle: (ctx) => {
      const file = takeFile(ctx, kinds, maxBytes);
      const id = randomBytes(24).toString('base64url');
      mediaUploads(ctx.oa).set(id, { id, kind: file.kind, filename: file.filename, bytes: file.bytes.length, created: ctx.now, as });
      return { [as]: id };
    },
  };
}

export const mediaRoutes: Route[] = [
  uploadRoute('/v2.0/oa/upload/image', ['jpg', 'png'], 1 * MB, 'attachment_id'),
  uploadRoute('/v2.0/oa/upload/gif', ['gif'], 5 * MB, 'attachment_id'),
  uploadRoute('/v2.0/oa/upload/file', ['pdf', 'doc', 'docx'], 5 * MB, 'token'),
];
