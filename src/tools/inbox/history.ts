/**
 * The conversation-history resource from the local message log: when webhooks (or our own
 * sends) logged messages with this user, they are read here instead of calling Zalo, with
 * delivery and seen receipts Zalo's history API does not have.
 */
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { tryStore } from '../../store/record.js';

export async function storedHistory(deps: { config: Config; log: Logger }, oa: string, userId: string, count = 10) {
  if (!/^\d{1,25}$/.test(userId)) return undefined;
  const store = await tryStore(deps);
  if (!store || (await store.countMessages(oa, userId)) === 0) return undefined;
  const rows = await store.history(oa, userId, 0, count);
  const total = await store.countMessages(oa, userId);
  return {
    source: 'local message log (webhooks and our sends)',
    items: rows.map((m) => ({
      message_id: m.messageId,
      from: m.direction === 'in' ? 'user' : 'oa',
      time: new Date(m.time).toISOString(),
      type: m.type,
      text: m.text ?? '',
      ...(m.deliveredAt ? { delivered_at: new Date(m.deliveredAt).toISOString() } : {}),
      ...(m.seenAt ? { seen_at: new Date(m.seenAt).toISOString() } : {}),
    })),
    offset: 0,
    count,
    total,
    next_offset: total > rows.length ? rows.length : null,
  };
}
