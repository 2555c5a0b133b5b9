import { z } from 'zod';
import type { BroadcastTarget } from '../../zalo/endpoints/messages.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { CREATE, defineTool } from '../define-tool.js';
import { articleId } from './shared.js';

/** Zalo's age groups 0-7 and platform codes 1-3 [C J-T, N-E]. */
const AGES = ['0-12', '13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
const GENDERS = { all: 0, male: 1, female: 2 } as const;
const PLATFORMS = { ios: 1, android: 2, windows_phone: 3 } as const;

const list = (codes: number[] | undefined) => (codes?.length ? [...new Set(codes)].sort((a, b) => a - b).join(',') : undefined);

export const articlesBroadcast = defineTool({
  name: 'articles_broadcast',
  toolset: 'articles',
  title: 'Broadcast article',
  description:
    'Send a published article to every follower matching the target: it reaches many people at once and cannot be recalled, so confirm the audience with the user first. Omitted filters mean all followers.',
  input: {
    id: articleId(),
    ages: z.array(z.enum(AGES)).max(8).optional().describe('Age groups'),
    gender: z.enum(['all', 'male', 'female']).default('all').describe('Gender'),
    cities: z.array(z.number().int().min(0).max(63)).max(64).optional().describe('Zalo province codes 0-63'),
    platforms: z.array(z.enum(['ios', 'android', 'windows_phone'])).max(3).optional().describe('Devices'),
  },
  output: {
    message_id: z.string(),
    article_id: z.string(),
    target: z.record(z.string(), z.string()).describe('recipient.target as sent'),
  },
  annotations: CREATE,
  handler: async ({ id, ages, gender, cities, platforms }, { zalo }) => {
    const article = await zalo.articles.detail(id);
    if (article.status === 'hide') throw new ZaloInputError(`article ${id} is hidden (status hide)`, 'Publish it first with articles_update status show.');
    const target: BroadcastTarget = Object.fromEntries(Object.entries({
      ages: list(ages?.map((a) => AGES.indexOf(a))),
      gender: String(GENDERS[gender]),
      cities: list(cities),
      platform: list(platforms?.map((p) => PLATFORMS[p])),
    }).filter(([, v]) => v !== undefined));
    const r = await zalo.messages.broadcastArticle(target, id);
    return { message_id: r.message_id, article_id: id, target: target as Record<string, string> };
  },
});
