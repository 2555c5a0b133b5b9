/**
 * Articles (v2.0 article API, ZALO_API.md "Articles"): create/update answer with a token that
 * /article/verify turns into the article id; lists use plain query params (limit ≤ 10); videos
 * are prepared by a multipart upload and polled with /upload_video/verify. Only token, id,
 * medias/total and the video status fields are [C]; every other field of the list items, the
 * detail and the blocks is [I], so those schemas are loose (unknown fields pass through), take a
 * number or a string, and read null as absent.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import { idString as idStr, optionalNumber as num, optionalText as text } from './shapes.js';
import type { UploadBytes } from './media.js';

export const articleBlockSchema = z.looseObject({
  type: text.transform((v) => v ?? ''),
  content: text,
  url: text,
  caption: text,
  video_id: text,
  thumb: text,
});

export const articleSummarySchema = z.looseObject({
  id: idStr,
  type: text,
  title: text.transform((v) => v ?? ''),
  status: text,
  thumb: text,
  link: text,
  create_date: num,
  update_date: num,
  total_view: num,
  total_share: num,
});

export const articleDetailSchema = articleSummarySchema.extend({
  author: text,
  description: text,
  comment: text,
  cover: z.looseObject({ cover_type: text, photo_url: text, status: text }).nullish(),
  body: z.array(articleBlockSchema).nullish(),
  video_id: text,
  avatar: text,
});

const tokenSchema = z.looseObject({ token: idStr });
const listSchema = z.looseObject({ medias: z.array(articleSummarySchema).nullish().transform((v) => v ?? []), total: num });
const videoStatusSchema = z.looseObject({
  video_id: text,
  // [C path]; the codes 1-5 come from one client (I-medium): a string code is accepted too.
  status: z.union([z.number(), z.string()]).transform(Number),
  convert_percent: num,
});

/** The JSON body of /article/create and /article/update for a normal article. */
export interface NormalArticleBody {
  type: 'normal';
  id?: string;
  title: string;
  author: string;
  description: string;
  cover: { cover_type: 'photo'; photo_url: string; status: 'show' };
  body: Array<Record<string, string>>;
  status: 'show' | 'hide';
  comment: 'show' | 'hide';
}

export function articlesEndpoints(request: OaRequest) {
  return {
    create: (body: NormalArticleBody) => request({ api: 'openapi', method: 'POST', path: '/v2.0/article/create', body, schema: tokenSchema }),
    update: (body: NormalArticleBody & { id: string }) => request({ api: 'openapi', method: 'POST', path: '/v2.0/article/update', body, schema: tokenSchema }),
    /** Token → article id. Only reads progress, so it may be retried (Zalo answers -214 while processing). */
    verify: (token: string) =>
      request({ api: 'openapi', method: 'POST', path: '/v2.0/article/verify', body: { token }, write: false, schema: z.looseObject({ id: idStr }) }),
    remove: (id: string) => request({ api: 'openapi', method: 'POST', path: '/v2.0/article/remove', body: { id } }),
    list: (q: { offset: number; limit: number; type: 'normal' | 'video' }) =>
      request({ api: 'openapi', method: 'GET', path: '/v2.0/article/getslice', query: q, schema: listSchema }),
    detail: (id: string) => request({ api: 'openapi', method: 'GET', path: '/v2.0/article/getdetail', query: { id }, schema: articleDetailSchema }),
    prepareVideo: (file: UploadBytes) =>
      request({ api: 'openapi', method: 'POST', path: '/v2.0/article/upload_video/preparevideo', multipart: { field: 'file', ...file }, schema: tokenSchema }),
    /** The official SDK sends the token as a `token` header, other clients as ?token=: we send both. */
    videoStatus: (token: string) =>
      request({ api: 'openapi', method: 'GET', path: '/v2.0/article/upload_video/verify', query: { token }, headers: { token }, schema: videoStatusSchema }),
  };
}
