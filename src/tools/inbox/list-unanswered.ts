import { z } from 'zod';
import { CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS } from '../../zalo/rules.js';
import { tryStore } from '../../store/record.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { toFollowerRecord } from '../followers/sync-run.js';
import { NO_STORE, webhookNote } from './note.js';

const minutesLeft = (end: number, now: number) => Math.max(0, Math.floor((end - now) / 60_000));

export const inboxListUnanswered = defineTool({
  name: 'inbox_list_unanswered',
  toolset: 'inbox',
  title: 'List unanswered chats',
  description:
    'Conversations whose last message is from the user and not answered yet, oldest first, with the minutes left to reply free (48 h) and at all (7 days). Fed by the webhook receiver.',
  input: {
    window: z.enum(['open', 'all']).default('open').describe('open: still answerable (7 days); all: include expired'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: {
    ...pageOf(z.object({
      user_id: z.string(),
      display_name: z.string().nullable(),
      last_message_time: z.string(),
      last_message: z.string(),
      waiting: z.number(),
      free_window_left_min: z.number(),
      window_left_min: z.number(),
    })),
    note: z.string().optional(),
  },
  annotations: READ,
  handler: async ({ window, offset, count }, ctx) => {
    const store = await tryStore(ctx);
    if (!store) return { ...toPage([], offset, count, 0), note: NO_STORE };
    const now = ctx.now();
    const page = await store.unanswered(ctx.oa, { since: window === 'open' ? now - CS_MAX_WINDOW_MS : undefined, offset, count });
    // Users the index does not know yet: one profile read each, kept in the index for next time.
    const names = new Map<string, string>();
    await Promise.all(page.items.filter((r) => !r.displayName).map(async (r) => {
      const detail = await ctx.zalo.followers.detail(r.userId).catch(() => undefined);
      if (!detail) return;
      names.set(r.userId, detail.display_name);
      await store.putFollowers(ctx.oa, [toFollowerRecord(detail, now)]);
    }));
    const items = page.items.map((r) => ({
      user_id: r.userId,
      display_name: r.displayName ?? names.get(r.userId) ?? null,
      last_message_time: new Date(r.lastUserTime).toISOString(),
      last_message: r.lastText ?? `[${r.lastType}]`,
      waiting: r.waiting,
      free_window_left_min: minutesLeft(r.lastUserTime + CS_FREE_WINDOW_MS, now),
      window_left_min: minutesLeft(r.lastUserTime + CS_MAX_WINDOW_MS, now),
    }));
    const note = await webhookNote(store, ctx.oa);
    return { ...toPage(items, offset, count, page.total), ...(note ? { note } : {}) };
  },
});
