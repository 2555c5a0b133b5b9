import { z } from 'zod';
import { foldWords, phoneQuery } from '../../store/normalize.js';
import { storeFor } from '../../store/index.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { VN_OFFSET_MS } from '../../zalo/rules.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';

// refine, not a regex: a pattern would be paid in every tools/list.
const day = (what: string) => z.string().max(10).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date YYYY-MM-DD').optional().describe(`${what}, YYYY-MM-DD`);
const vnDayStart = (d: string) => Date.parse(`${d}T00:00:00Z`) - VN_OFFSET_MS;
const opt = () => z.string().optional();

export const followersSearch = defineTool({
  name: 'followers_search',
  toolset: 'followers',
  title: 'Search followers',
  description:
    'Search the local follower index (built by followers_sync, kept fresh by webhooks); name matching ignores accents and case. Hits carry the profile fields.',
  input: {
    name: z.string().min(1).max(100).optional().describe('Name words'),
    phone: z.string().min(3).max(20).optional().describe('Phone in any VN form, or 3+ of its digits'),
    tag: z.string().min(1).max(50).optional().describe('Tag name'),
    city: z.string().min(1).max(50).optional().describe('City'),
    is_follower: z.boolean().optional().describe('Following now'),
    interacted_from: day('Last interaction from'),
    interacted_to: day('Last interaction until'),
    missing: z.array(z.enum(['phone', 'name', 'address', 'city', 'birthday'])).max(5).optional().describe('Lacking these fields'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: {
    ...pageOf(z.object({
      user_id: z.string(), display_name: z.string(), alias: opt(), is_follower: z.boolean().optional(), last_interaction: opt(), tags: z.array(z.string()),
      name: opt(), phone: opt(), address: opt(), city: opt(), district: opt(), birthday: opt(),
    })),
    index: z.object({ followers: z.number(), profiles: z.number(), synced_at: z.string().nullable(), note: opt() }),
  },
  annotations: { ...READ, openWorldHint: false },
  handler: async (a, ctx) => {
    const phone = a.phone === undefined ? undefined : phoneQuery(a.phone);
    if (a.phone !== undefined && !phone) throw new ZaloInputError(`phone "${a.phone}" is not a phone number or 3+ of its digits`, 'Use e.g. 0912345678, +84912345678 or a part such as 0912.');
    const store = await storeFor(ctx.config);
    const page = await store.searchFollowers({
      oa: ctx.oa, nameWords: a.name ? foldWords(a.name) : undefined, phone, tag: a.tag, city: a.city, isFollower: a.is_follower,
      interactedFrom: a.interacted_from ? vnDayStart(a.interacted_from) : undefined,
      interactedTo: a.interacted_to ? vnDayStart(a.interacted_to) + 86_399_999 : undefined,
      missing: a.missing, offset: a.offset, count: a.count,
    });
    const info = await store.indexInfo(ctx.oa);
    const sync = await store.getSync(ctx.oa);
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    const items = page.items.map((f) => ({
      user_id: f.userId, display_name: f.displayName, alias: f.alias, is_follower: f.isFollower, last_interaction: iso(f.lastInteraction), tags: f.tags,
      name: f.name, phone: f.phone, address: f.address, city: f.city, district: f.district, birthday: f.birthday,
    }));
    const note = !sync?.lastCompleteAt ? (info.followers ? 'No complete followers_sync yet: only followers seen so far are indexed.' : 'The index is empty: run followers_sync first.') : undefined;
    return { ...toPage(items, a.offset, a.count, page.total), index: { followers: info.followers, profiles: info.profiles, synced_at: iso(sync?.lastCompleteAt) ?? null, ...(note ? { note } : {}) } };
  },
});
