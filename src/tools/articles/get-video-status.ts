import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';

/** Zalo's video status codes (ZALO_API.md; codes from one client, I-medium). */
const STATUS = { 1: 'ready', 2: 'locked', 3: 'processing', 4: 'failed', 5: 'deleted' } as const;

export const articlesGetVideoStatus = defineTool({
  name: 'articles_get_video_status',
  toolset: 'articles',
  title: 'Get article video status',
  description:
    'Processing state of a video uploaded with articles_upload_video; once ready, its video_id can go into an article video block. Poll every few seconds while processing.',
  input: { token: z.string().min(1).max(500).describe('Token returned by articles_upload_video') },
  output: {
    video_id: z.string().nullable().describe('The video id (null until Zalo assigns one)'),
    status: z.enum(['ready', 'locked', 'processing', 'failed', 'deleted', 'unknown']),
    convert_percent: z.number().nullable().describe('Processing progress 0-100'),
    ready: z.boolean(),
  },
  annotations: READ,
  handler: async ({ token }, { zalo }) => {
    const v = await zalo.articles.videoStatus(token);
    const status = STATUS[v.status as keyof typeof STATUS] ?? 'unknown';
    return { video_id: v.video_id || null, status, convert_percent: v.convert_percent ?? null, ready: status === 'ready' };
  },
});
