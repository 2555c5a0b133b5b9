/**
 * The small store calls other tools make: record what we sent, and look a message up. A store
 * that cannot be opened (read-only disk, a newer schema) must never fail a send that already
 * reached the user, nor a read the API can answer: it is logged once and skipped.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { storeEvents, storeFor } from './index.js';
import type { MessageRecord, Store } from './types.js';

const warned = new WeakSet<Config>();

/** The store, or undefined (logged once) when it cannot be opened. */
export async function tryStore(ctx: { config: Config; log: Logger }): Promise<Store | undefined> {
  try {
    return await storeFor(ctx.config);
  } catch (e) {
    if (!warned.has(ctx.config)) {
      warned.add(ctx.config);
      ctx.log.warning(`local store at ${ctx.config.storePath} unavailable; continuing without it`, { error: (e as Error).message });
    }
    return undefined;
  }
}

/** Log a message we sent (the webhook's oa_send_* echo of it is then merged, not doubled). */
export async function recordSent(ctx: { config: Config; log: Logger; oa: string; now: () => number }, m: Omit<MessageRecord, 'oa' | 'direction' | 'source' | 'time'> & { time?: number }): Promise<void> {
  const store = await tryStore(ctx);
  if (!store) return;
  try {
    await store.addMessage({ ...m, oa: ctx.oa, direction: 'out', source: 'tool', time: m.time ?? ctx.now() });
    if (m.userId) storeEvents(ctx.config).emit('message', { oa: ctx.oa, userId: m.userId, messageId: m.messageId, direction: 'out' });
  } catch (e) {
    ctx.log.warning('could not record a sent message in the local store', { error: (e as Error).message });
  }
}

/** A message the store knows (from a webhook or our own send), or undefined. */
export async function storedMessage(ctx: { config: Config; log: Logger; oa: string }, messageId: string): Promise<MessageRecord | undefined> {
  const store = await tryStore(ctx);
  return store?.getMessage(ctx.oa, messageId).catch(() => undefined);
}
