/**
 * Media uploads (POST /v2.0/oa/upload/{image,gif,file}, multipart field `file`). Images and GIFs
 * come back as `attachment_id`, files as `token`; Zalo keeps both about 7 days [C].
 */
import { z } from 'zod';
import type { MultipartFile } from '../client.js';
import type { OaRequest } from './request.js';
import { idString as idStr } from './shapes.js';

export type UploadBytes = Omit<MultipartFile, 'field'>;

// [C] keys; a null or empty value must fail here rather than come back as the id "null".
const attachment = z.looseObject({ attachment_id: idStr });
const fileToken = z.looseObject({ token: idStr });

export function mediaEndpoints(request: OaRequest) {
  const upload = <T>(path: string, file: UploadBytes, schema: z.ZodType<T>) =>
    request({ api: 'openapi', method: 'POST', path, multipart: { field: 'file', ...file }, schema });
  return {
    /** jpg/png ≤ 1 MB → attachment_id. */
    uploadImage: (file: UploadBytes) => upload('/v2.0/oa/upload/image', file, attachment),
    /** gif ≤ 5 MB → attachment_id. */
    uploadGif: (file: UploadBytes) => upload('/v2.0/oa/upload/gif', file, attachment),
    /** pdf/doc/docx ≤ 5 MB → token (for messages_send_file). */
    uploadFile: (file: UploadBytes) => upload('/v2.0/oa/upload/file', file, fileToken),
  };
}
