import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { articleId, isoTime } from './shared.js';

export const articlesGet = defineTool({
  name: 'articles_get',
  toolset: 'articles',
  title: 'Get article',
  description: 'One article with its cover, body blocks, visibility and counters; use articles_list to find ids.',
  input: { id: articleId() },
  output: {
    id: z.string(),
    type: z.string(),
    title: z.string(),
    author: z.string().optional(),
    description: z.string().optional(),
    cover_url: z.string().optional(),
    status: z.string().optional(),
    comment: z.string().optional(),
    body: z.array(z.object({ type: z.string(), content: z.string().optional(), url: z.string().optional(), caption: z.string().optional(), video_id: z.string().optional(), thumb: z.string().optional() })),
    video_id: z.string().optional().describe('Video articles: the video'),
    link: z.string().optional(),
    views: z.number().optional(),
    shares: z.number().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  },
  annotations: READ,
  handler: async ({ id }, { zalo }) => {
    const a = await zalo.articles.detail(id);
    return {
      id: a.id, type: a.type ?? 'normal', title: a.title, author: a.author, description: a.description,
      cover_url: a.cover?.photo_url ?? a.avatar, status: a.status, comment: a.comment,
      body: (a.body ?? []).map(({ type, content, url, caption, video_id, thumb }) => ({ type, content, url, caption, video_id, thumb })),
      video_id: a.video_id, link: a.link, views: a.total_view, shares: a.total_share,
      created_at: isoTime(a.create_date), updated_at: isoTime(a.update_date),
    };
  },
});
