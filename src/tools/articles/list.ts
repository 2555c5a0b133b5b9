import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { isoTime } from './shared.js';

export const articlesList = defineTool({
  name: 'articles_list',
  toolset: 'articles',
  title: 'List articles',
  description: 'List the OA\'s articles of one type (normal or video), newest first; articles_get returns one article with its body. Zalo returns at most 10 per call.',
  input: {
    type: z.enum(['normal', 'video']).default('normal').describe('normal = text/image articles, video = video articles'),
    offset: offset(),
    count: count({ max: 10 }),
  },
  output: pageOf(z.object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    status: z.string().optional(),
    created_at: z.string().optional(),
    views: z.number().optional(),
    shares: z.number().optional(),
    link: z.string().optional(),
  })),
  annotations: READ,
  handler: async ({ type, offset, count }, { zalo }) => {
    const r = await zalo.articles.list({ offset, limit: count, type });
    const items = r.medias.map((m) => ({
      id: m.id, title: m.title, type: m.type ?? type, status: m.status, created_at: isoTime(m.create_date),
      views: m.total_view, shares: m.total_share, link: m.link,
    }));
    return toPage(items, offset, count, r.total);
  },
});
