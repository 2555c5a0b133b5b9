import { z } from 'zod';
import { tryStore } from '../../store/record.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage, userId } from '../params.js';
import { NO_STORE, webhookNote } from './note.js';

// Checked with Date.parse, not zod's datetime(): its 500-character pattern would be paid in every tools/list.
const time = (what: string) => z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 time').optional().describe(`${what} (ISO 8601)`);

export const inboxListEvents = defineTool({
  name: 'inbox_list_events',
  toolset: 'inbox',
  title: 'List webhook events',
  description: 'Webhook events received from Zalo (messages, follows, receipts, template and quota changes), newest first, filtered by type, user and time.',
  input: {
    event_name: z.string().regex(/^[a-z_]{1,64}$/, 'must be a Zalo event name such as user_send_text').optional().describe('Zalo event name, e.g. user_send_text, follow'),
    user_id: userId().optional(),
    from: time('Earliest event time'),
    to: time('Latest event time'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: {
    ...pageOf(z.object({ event_name: z.string(), user_id: z.string().nullable(), time: z.string(), event: z.record(z.string(), z.unknown()) })),
    note: z.string().optional(),
  },
  annotations: { ...READ, openWorldHint: false },
  handler: async ({ event_name, user_id, from, to, offset, count }, ctx) => {
    const [fromMs, toMs] = [from, to].map((t) => (t === undefined ? undefined : Date.parse(t)));
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw new ZaloInputError(`from ${from} is after to ${to}`, 'Give from ≤ to.');
    const store = await tryStore(ctx);
    if (!store) return { ...toPage([], offset, count, 0), note: NO_STORE };
    const page = await store.listEvents({ oa: ctx.oa, eventName: event_name, userId: user_id, from: fromMs, to: toMs, offset, count });
    const items = page.items.map((e) => ({ event_name: e.eventName, user_id: e.userId ?? null, time: new Date(e.time).toISOString(), event: JSON.parse(e.raw) as Record<string, unknown> }));
    const note = page.total === 0 ? await webhookNote(store, ctx.oa) : undefined;
    return { ...toPage(items, offset, count, page.total), ...(note ? { note } : {}) };
  },
});
