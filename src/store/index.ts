/**
 * The store of a running configuration, opened on first use: a server that never receives a
 * webhook, searches the index or sends a message pays nothing for it at start (not even loading
 * the native SQLite module). One store per Config object, shared by every MCP session and the
 * webhook receiver of that process; `storeEvents()` tells sessions what changed.
 */
import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import type { Config } from '../config.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

/** What the store tells the process when a webhook changes it. */
export interface StoreEvents {
  /** A message joined the conversation with `userId` (either direction). */
  message: [{ oa: string; userId: string; messageId: string; direction: 'in' | 'out' }];
  /** change_template_status: the cached template must be read again. */
  template: [{ oa: string; templateId: string }];
}

const opened = new WeakMap<Config, Promise<Store>>();
const pgPools = new WeakMap<Config, Pool>();

/**
 * The runtime's PostgreSQL pool (it opened it for the token store and closes it): the store of
 * this configuration uses it too, so a replica keeps one pool, not one per store.
 */
export function sharePgPool(config: Config, pool: Pool): void {
  pgPools.set(config, pool);
}
const emitters = new WeakMap<Config, EventEmitter<StoreEvents>>();

/** The configuration's store, opened (and migrated) on the first call. */
export function storeFor(config: Config): Promise<Store> {
  let p = opened.get(config);
  if (!p) {
    // A throwaway sandbox store lives in the runtime's temporary folder, removed with it.
    // ZALO_DATABASE_URL: PostgreSQL shared by every replica (pg loaded only then).
    const pool = pgPools.get(config);
    p = config.databaseUrl
      ? import('./pg.js').then((m) => (pool ? m.pgStore(pool) : m.openPgStore(config.databaseUrl!)))
      : openSqliteStore(config.storePath);
    // A failed open (bad path, newer schema) is reported to each caller and retried next time.
    p.catch(() => opened.delete(config));
    // The other replicas sharing the database learn of its changes (pg-notify.ts).
    if (config.databaseUrl) p = p.then(async (store) => (await import('./pg-notify.js')).publishChanges(store, storeEvents(config)));
    opened.set(config, p);
  }
  return p;
}

/** Whether the store was opened in this process (nothing to close otherwise). */
export function storeOpened(config: Config): boolean {
  return opened.has(config);
}

/** Close the store if it was opened. */
export async function closeStore(config: Config): Promise<void> {
  if (config.databaseUrl) await (await import('./pg-notify.js')).stopListening(config);
  const p = opened.get(config);
  if (!p) return;
  opened.delete(config);
  await (await p.catch(() => undefined))?.close();
}

/** The process-wide change feed of a configuration's store. */
export function storeEvents(config: Config): EventEmitter<StoreEvents> {
  let e = emitters.get(config);
  if (!e) {
    emitters.set(config, (e = new EventEmitter<StoreEvents>()));
    e.setMaxListeners(0);
  }
  return e;
}
