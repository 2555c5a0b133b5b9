import { z } from 'zod';
import { ZaloInputError } from '../../zalo/errors.js';
import { defineTool, READ } from '../define-tool.js';
import { count, nfcText, offset, pageOf, toPage } from '../params.js';

const PERIOD = /^(TODAY|YESTERDAY|L7D|L30D|\d{4}[-_]\d{2}[-_]\d{2}:\d{4}[-_]\d{2}[-_]\d{2})$/;

/** Zalo wants YYYY_MM_DD:YYYY_MM_DD; accept dashes too and refuse impossible or reversed ranges. */
function zaloPeriod(period: string): string {
  if (!period.includes(':')) return period;
  const [from, to] = period.replaceAll('-', '_').split(':') as [string, string];
  const valid = (d: string) => {
    const [y, m, day] = d.split('_').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  };
  if (!valid(from) || !valid(to) || from > to) {
    throw new ZaloInputError(`last_interaction_period "${period}" is not a valid date range`, 'Use YYYY_MM_DD:YYYY_MM_DD with real dates, the first not after the second.');
  }
  return `${from}:${to}`;
}

export const followersList = defineTool({
  name: 'followers_list',
  toolset: 'followers',
  title: 'List followers',
  description:
    
    'A page of user_ids, optionally filtered. followers_get_profile gives names and phones.',
  input: {
    offset: offset(),
    count: count({ max: 50 }),
    tag: nfcText(50, 'Only users with this tag').optional(),
    last_interaction_period: z
      .string()
      .max(21)
      .refine((v) => PERIOD.test(v), 'must be TODAY, YESTERDAY, L7D, L30D or YYYY_MM_DD:YYYY_MM_DD')
      .optional()
      .describe('Last interaction (VN time): TODAY, YESTERDAY, L7D, L30D or YYYY_MM_DD:YYYY_MM_DD'),
    is_follower: z.boolean().optional().describe('false: users who unfollowed'),
  },
  output: pageOf(z.string()),
  annotations: READ,
  handler: async ({ offset, count, tag, last_interaction_period, is_follower }, { zalo }) => {
    const period = last_interaction_period ? zaloPeriod(last_interaction_period) : undefined;
    const page = await zalo.followers.list({
      offset,
      count,
      ...(tag !== undefined ? { tag_name: tag } : {}),
      ...(period !== undefined ? { last_interaction_period: period } : {}),
      ...(is_follower !== undefined ? { is_follower } : {}),
    });
    return toPage(page.users.map((u) => u.user_id), offset, count, page.total);
  },
});
