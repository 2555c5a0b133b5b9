/**
 * Articles and article videos (v2.0 article API). Create/update answer a token that
 * /article/verify turns into the id; getslice takes plain query params (limit ≤ 10, type
 * normal|video); videos go from processing (3) to ready (1) VIDEO_READY_MS after the upload,
 * on the simulator's clock, so tests move it with sim.advance().
 */
import { randomBytes } from 'node:crypto';
import { SimError, invalid, need, type Route } from '../router.js';
import { nextId, slice, type OaState } from '../state.js';
import { seedArticles, type SimArticle, type SimVideo } from '../seed/articles.js';
import { takeFile } from './media.js';

export const VIDEO_READY_MS = 3000;
const MAX_VIDEO_BYTES = 50 * 1024 * 1024;

interface ArticlesState { articles: Map<string, SimArticle>; tokens: Map<string, string>; videos: Map<string, SimVideo> }

export function articlesState(oa: OaState, now: number): ArticlesState {
  return slice(oa, 'articles', () => {
    const seed = seedArticles(oa, now);
    return { articles: new Map(seed.articles.map((a) => [a.id, a])), tokens: new Map(), videos: new Map(seed.videos.map((v) => [v.token, v])) };
  });
}

/** Zalo's video status: 1 ready, 2 locked, 3 processing, 4 failed, 5 deleted. */
function videoStatus(v: SimVideo, now: number) {
  if (v.deleted) return { status: 5, convert_percent: 0 };
  const elapsed = now - v.uploaded;
  return elapsed >= VIDEO_READY_MS ? { status: 1, convert_percent: 100 } : { status: 3, convert_percent: Math.floor((elapsed / VIDEO_READY_MS) * 100) };
}

const oneOf = (v: unknown, field: string, values: string[]) => {
  if (!values.includes(String(v))) throw invalid(field);
  return String(v) as never;
};
const bounded = (src: Record<string, unknown>, field: string, max: number) => {
  const v = need(src, field);
  if (v.length > max) throw new SimError(-201, `${field} is invalid! Maximum length is ${max}`);
  return v;
};

function readArticle(b: Record<string, unknown>, st: ArticlesState, now: number): Omit<SimArticle, 'id' | 'create_date' | 'total_view' | 'total_share'> {
  const type = oneOf(b.type, 'type', ['normal', 'video']) as SimArticle['type'];
  const common = { type, title: bounded(b, 'title', 150), description: bounded(b, 'description', 300), comment: oneOf(b.comment ?? 'show', 'comment', ['show', 'hide']), update_date: now };
  if (type === 'video') {
    const video = [...st.videos.values()].find((v) => v.video_id === b.video_id);
    if (!video || videoStatus(video, now).status !== 1) throw invalid('video_id');
    return { ...common, author: '', body: [], video_id: video.video_id, avatar: need(b, 'avatar'), status: oneOf(b.status ?? 'show', 'status', ['show', 'hide']) };
  }
  const cover = b.cover as Record<string, unknown> | undefined;
  if (!cover || cover.cover_type !== 'photo' || typeof cover.photo_url !== 'string' || !cover.photo_url) throw new SimError(-201, 'cover value is invalid');
  if (!Array.isArray(b.body) || b.body.length === 0) throw invalid('body');
  const body = (b.body as Array<Record<string, unknown>>).map((block): Record<string, string> => {
    if (block?.type === 'text') return { type: 'text', content: need(block, 'content') };
    if (block?.type === 'image') return { type: 'image', url: need(block, 'url'), ...(block.caption ? { caption: String(block.caption) } : {}) };
    if (block?.type === 'video') {
      const video = [...st.videos.values()].find((v) => v.video_id === String(block.video_id));
      if (!video) throw invalid('video_id');
      if (videoStatus(video, now).status !== 1) throw new SimError(-201, 'video_id is invalid! Video is not ready');
      return { type: 'video', video_id: video.video_id, ...(block.thumb ? { thumb: String(block.thumb) } : {}) };
    }
    throw invalid('body.type');
  });
  return { ...common, author: bounded(b, 'author', 50), cover: { cover_type: 'photo', photo_url: cover.photo_url, status: 'show' }, body, status: oneOf(b.status ?? 'show', 'status', ['show', 'hide']) };
}

function issueToken(st: ArticlesState, id: string): { token: string } {
  const token = randomBytes(18).toString('base64url');
  st.tokens.set(token, id);
  return { token };
}

function findArticle(st: ArticlesState, id: unknown): SimArticle {
  const a = st.articles.get(String(id ?? ''));
  if (!a) throw new SimError(-201, 'id is invalid!');
  return a;
}

function summary(a: SimArticle) {
  return { id: a.id, type: a.type, title: a.title, status: a.status, thumb: a.cover?.photo_url ?? a.avatar ?? '', link: `https://zalo.me/sandbox/article/${a.id}`, create_date: a.create_date, update_date: a.update_date, total_view: a.total_view, total_share: a.total_share };
}

export const articlesRoutes: Route[] = [
  {
    family: 'openapi', method: 'POST', path: '/v2.0/article/create',
    handle: ({ req, oa, sim, now }) => {
      const st = articlesState(oa, now);
      const id = nextId(sim, '');
      st.articles.set(id, { id, create_date: now, total_view: 0, total_share: 0, ...readArticle(req.body, st, now) });
      return issueToken(st, id);
    },
  },
  {
    family: 'openapi', method: 'POST', path: '/v2.0/article/update',
    handle: ({ req, oa, now }) => {
      const st = articlesState(oa, now);
      const current = findArticle(st, req.body.id);
      Object.assign(current, readArticle(req.body, st, now));
      return issueToken(st, current.id);
    },
  },
  {
    family: 'openapi', method: 'POST', path: '/v2.0/article/verify',
    handle: ({ req, oa, now }) => {
      const id = articlesState(oa, now).tokens.get(need(req.body, 'token'));
      if (!id) throw invalid('token');
      return { id };
    },
  },
  {
    family: 'openapi', method: 'POST', path: '/v2.0/article/remove',
    handle: ({ req, oa, now }) => {
      const st = articlesState(oa, now);
      st.articles.delete(findArticle(st, req.body.id).id);
      return undefined;
    },
  },
  {
    family: 'openapi', method: 'GET', path: '/v2.0/article/getslice',
    handle: ({ req, oa, now }) => {
      const type = req.query.get('type');
      if (type !== 'normal' && type !== 'video') throw new SimError(-201, 'type accept only 2 value normal and video.');
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 10);
      if (!Number.isInteger(offset) || offset < 0) throw invalid('offset');
      if (!Number.isInteger(limit) || limit < 1) throw invalid('limit');
      if (limit > 10) throw new SimError(-201, 'maximum limit is 10');
      const all = [...articlesState(oa, now).articles.values()].filter((a) => a.type === type).sort((a, b) => b.create_date - a.create_date);
      return { medias: all.slice(offset, offset + limit).map(summary), total: all.length };
    },
  },
  {
    family: 'openapi', method: 'GET', path: '/v2.0/article/getdetail',
    handle: ({ req, oa, now }) => {
      const a = findArticle(articlesState(oa, now), req.query.get('id'));
      return { ...summary(a), author: a.author, description: a.description, comment: a.comment, ...(a.cover ? { cover: a.cover } : {}), body: a.body, ...(a.video_id ? { video_id: a.video_id, avatar: a.avatar } : {}) };
    },
  },
  {
    family: 'openapi', method: 'POST', path: '/v2.0/article/upload_video/preparevideo',
    handle: (ctx) => {
      const file = takeFile(ctx, ['mp4'], MAX_VIDEO_BYTES);
      const token = randomBytes(18).toString('base64url');
      articlesState(ctx.oa, ctx.now).videos.set(token, { token, video_id: randomBytes(12).toString('hex'), uploaded: ctx.now, bytes: file.bytes.length, filename: file.filename });
      return { token };
    },
  },
  {
    family: 'openapi', method: 'GET', path: '/v2.0/article/upload_video/verify',
    handle: ({ req, oa, now }) => {
      const header = req.headers['token'];
      const token = (typeof header === 'string' && header) || req.query.get('token');
      const video = token ? articlesState(oa, now).videos.get(token) : undefined;
      if (!video) throw invalid('token');
      return { video_id: video.video_id, ...videoStatus(video, now) };
    },
  },
];
