import { z } from 'zod';
import { foldWords, phoneQuery } from '../../store/normalize.js';
import { storeFor } from '../../store/index.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { VN_OFFSET_MS } from '../../zalo/rules.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(d));
/** "from:to", either side may be empty; checked by refine (a regex would be paid in every tools/list). */
const RANGE = (v: string) => v.includes(':') && v.split(':').length === 2 && v.split(':').every((d) => d === '' || validDay(d));
const vnDayStart = (d: string) => Date.parse(`${d}T00:00:00Z`) - VN_OFFSET_MS;
const opt = () => z.string().optional();

export const followersSearch = defineTool({
  name: 'followers_search',
  toolset: 'followers',
  title: 'Search followers',
  description:
    'Search the local follower index (built by followers_sync). Names match without accents or case; hits carry the profile.',
  input: {
    name: z.string().min(1).max(100).optional().describe('Name'),
    phone: z.string().min(3).max(20).optional().describe('Phone (any VN form) or 3+ digits'),
    tag: z.string().min(1).max(50).optional().describe('Tag'),
    city: z.string().min(1).max(50).optional().describe('City'),
    is_follower: z.boolean().optional().describe('Following now'),
    last_interaction: z.string().max(21).refine(RANGE, 'must be YYYY-MM-DD:YYYY-MM-DD (either side may be empty)').optional().describe('YYYY-MM-DD:YYYY-MM-DD'),
    missing: z.array(z.enum(['phone', 'name', 'address', 'city', 'birthday'])).max(5).optional().describe('Lacking these'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: {
    ...pageOf(z.object({
      user_id: z.string(), display_name: z.string(), is_follower: z.boolean().optional(), last_interaction: opt(), tags: z.array(z.string()),
      name: opt(), phone: opt(), address: opt(), city: opt(),
    })),
    indexed: z.number(),
    synced_at: z.string().nullable(),
    note: opt(),
  },
  annotations: READ,
  handler: async (a, ctx) => {
    const phone = a.phone === undefined ? undefined : phoneQuery(a.phone);
    if (a.phone !== undefined && !phone) throw new ZaloInputError(`phone "${a.phone}" is not a phone number or 3+ of its digits`, 'Use e.g. 0912345678, +84912345678 or a part such as 0912.');
    const [from, to] = a.last_interaction?.split(':') ?? [];
    const store = await storeFor(ctx.config);
    const page = await store.searchFollowers({
      oa: ctx.oa, nameWords: a.name ? foldWords(a.name) : undefined, phone, tag: a.tag, city: a.city, isFollower: a.is_follower,
      interactedFrom: from ? vnDayStart(from) : undefined,
      interactedTo: to ? vnDayStart(to) + 86_399_999 : undefined,
      missing: a.missing, offset: a.offset, count: a.count,
    });
    const info = await store.indexInfo(ctx.oa);
    const sync = await store.getSync(ctx.oa);
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    const items = page.items.map((f) => ({
      user_id: f.userId, display_name: f.displayName, is_follower: f.isFollower, last_interaction: iso(f.lastInteraction), tags: f.tags,
      name: f.name, phone: f.phone, address: f.address, city: f.city,
    }));
    const note = !sync?.lastCompleteAt ? (info.followers ? 'No complete followers_sync yet: only followers seen so far are indexed.' : 'The index is empty: run followers_sync first.') : undefined;
    return { ...toPage(items, a.offset, a.count, page.total), indexed: info.followers, synced_at: iso(sync?.lastCompleteAt) ?? null, ...(note ? { note } : {}) };
  },
});
