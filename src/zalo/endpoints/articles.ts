/**
 * Articles (v2.0 article API, ZALO_API.md "Articles"): create/update answer with a token that
 * /article/verify turns into the article id; lists use plain query params (limit ≤ 10); videos
 * are prepared by a multipart upload and polled with /upload_video/verify. Item shapes beyond
 * id/title are [I]: schemas are loose and accept numbers or strings.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';
import type { UploadBytes } from './media.js';

const num = z.union([z.number(), z.string()]).transform(Number);

export const articleBlockSchema = z.looseObject({
  type: z.string(),
  content: z.string().optional(),
  url: z.string().optional(),
  caption: z.string().optional(),
  video_id: z.coerce.string().optional(),
  thumb: z.string().optional(),
});

export const articleSummarySchema = z.looseObject({
  id: z.coerce.string(),
  type: z.string().optional(),
  title: z.string().default(''),
  status: z.string().optional(),
  thumb: z.string().optional(),
  link: z.string().optional(),
  create_date: num.optional(),
  update_date: num.optional(),
  total_view: num.optional(),
  total_share: num.optional(),
});

export const articleDetailSchema = articleSummarySchema.extend({
  author: z.string().optional(),
  description: z.string().optional(),
  comment: z.string().optional(),
  cover: z.looseObject({ cover_type: z.string().optional(), photo_url: z.string().optional(), status: z.string().optional() }).optional(),
  body: z.array(articleBlockSchema).optional(),
  video_id: z.coerce.string().optional(),
  avatar: z.string().optional(),
});

const tokenSchema = z.looseObject({ token: z.coerce.string().min(1) });
const listSchema = z.looseObject({ medias: z.array(articleSummarySchema).default([]), total: num.optional() });
const videoStatusSchema = z.looseObject({
  video_id: z.coerce.string().optional(),
  status: num,
  convert_percent: num.optional(),
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
      request({ api: 'openapi', method: 'POST', path: '/v2.0/article/verify', body: { token }, write: false, schema: z.looseObject({ id: z.coerce.string().min(1) }) }),
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
