/**
 * What one replica's store changed reaches the MCP clients of every replica, through PostgreSQL
 * LISTEN/NOTIFY: a webhook's changes are NOTIFYed inside the transaction that stores it (PostgreSQL
 * delivers them at its commit, never after a rollback); other writes (our own sends) are NOTIFYed
 * through the pool after they commit; each process serving subscribers keeps
 * one dedicated LISTEN connection (a pooled one would drop its LISTEN when released) and replays
 * other processes' changes on its own storeEvents(), so resources/updated goes out exactly as for
 * a local change. Payloads hold ids only (no message text, no secrets). Delivery is best effort:
 * a change made while a listener is reconnecting is not replayed (the data itself is in the database).
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { StoreEvents } from './index.js';
import type { PgStoreExtras } from './pg.js';
import type { EventEffect, Store } from './types.js';

export const CHANGES_CHANNEL = 'zalo_oa_mcp_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7_900;

type Change =
  | { k: 'message'; oa: string; u: string; m: string; d: 'in' | 'out' }
  | { k: 'template'; oa: string; t: string };

const messageChange = (e: StoreEvents['message'][0]): Change => ({ k: 'message', oa: e.oa, u: e.userId, m: e.messageId, d: e.direction });
const templateChange = (e: StoreEvents['template'][0]): Change => ({ k: 'template', oa: e.oa, t: e.templateId });

/** Which feed a change came from: a process ignores its own (it already emitted them). */
const origins = new WeakMap<EventEmitter<StoreEvents>, string>();
const originOf = (events: EventEmitter<StoreEvents>) => {
  let id = origins.get(events);
  if (!id) origins.set(events, (id = randomUUID()));
  return id;
};
/** Events replayed from another process, or already announced by the transaction that stored them: not published again. */
const replayed = new WeakSet<object>();

/** Announce the store's local changes to the other replicas (a PostgreSQL store; any other is left as it is). */
export function publishChanges(store: Store, events: EventEmitter<StoreEvents>): Store {
  const notify = (store as Store & Partial<PgStoreExtras>).notify;
  if (!notify) return store;
  const from = originOf(events);
  const encode = (change: Change) => {
    const payload = JSON.stringify({ ...change, from });
    return Buffer.byteLength(payload) > MAX_PAYLOAD ? undefined : payload;
  };
  const publish = (change: Change) => {
    const payload = encode(change);
    // Best effort: the change is already committed and every replica reads it from the database.
    if (payload) notify(CHANGES_CHANNEL, payload).catch(() => undefined);
  };
  // A webhook's changes are NOTIFYed inside its own transaction (one commit, no extra round trip;
  // delivered only if it commits); its local emits after the commit are then not published again.
  const ingest = store.ingest.bind(store);
  const ingestAnnounced: Store['ingest'] = (event, effects, changes = []) => {
    const notices: EventEffect[] = [];
    for (const c of changes) {
      const payload = encode(c.name === 'message' ? messageChange(c.event) : templateChange(c.event));
      if (payload) notices.push({ kind: 'notify', channel: CHANGES_CHANNEL, payload });
      replayed.add(c.event);
    }
    return ingest(event, [...effects, ...notices], changes);
  };
  const onMessage = (e: StoreEvents['message'][0]) => {
    if (!replayed.has(e)) publish(messageChange(e));
  };
  const onTemplate = (e: StoreEvents['template'][0]) => {
    if (!replayed.has(e)) publish(templateChange(e));
  };
  events.on('message', onMessage);
  events.on('template', onTemplate);
  const close = store.close;
  return Object.assign(store, {
    ingest: ingestAnnounced,
    async close() {
      events.off('message', onMessage);
      events.off('template', onTemplate);
      await close();
    },
  });
}

/** Replay another process's change on the local feed; anything malformed is ignored. */
function replay(events: EventEmitter<StoreEvents>, self: string, payload: string | undefined): void {
  let c: Change & { from?: unknown };
  try {
    c = JSON.parse(payload ?? '') as Change & { from?: unknown };
  } catch {
    return;
  }
  if (!c || typeof c !== 'object' || c.from === self || typeof c.oa !== 'string') return;
  if (c.k === 'message' && typeof c.u === 'string' && typeof c.m === 'string' && (c.d === 'in' || c.d === 'out')) {
    const e = { oa: c.oa, userId: c.u, messageId: c.m, direction: c.d };
    replayed.add(e);
    events.emit('message', e);
  } else if (c.k === 'template' && typeof c.t === 'string') {
    const e = { oa: c.oa, templateId: c.t };
    replayed.add(e);
    events.emit('template', e);
  }
}

export interface ChangeListener {
  /** Resolves once LISTEN is in place, or after `timeoutMs` (it keeps trying in the background). */
  ready(timeoutMs: number): Promise<boolean>;
  /** The backend pid of the LISTEN connection (tests), undefined while reconnecting. */
  pid(): number | undefined;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** First reconnection delay (default 250 ms), doubled per failed attempt up to `maxDelayMs` (default 15 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A query on the idle LISTEN connection this often (default 30 s), unanswered after `heartbeatTimeoutMs` (10 s): lost. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
}

const listeners = new WeakMap<Config, ChangeListener>();

/** The one listener of this configuration (started on the first call, e.g. a resources/subscribe). */
export function listenForChanges(config: Config, events: EventEmitter<StoreEvents>, log: Logger, options: ListenOptions = {}): ChangeListener {
  let l = listeners.get(config);
  if (!l) listeners.set(config, (l = startListener(config.databaseUrl!, events, log, options)));
  return l;
}

/** Stop this configuration's listener, if any (closeStore). */
export async function stopListening(config: Config): Promise<void> {
  const l = listeners.get(config);
  listeners.delete(config);
  await l?.close();
}

function startListener(url: string, events: EventEmitter<StoreEvents>, log: Logger, options: ListenOptions): ChangeListener {
  const self = originOf(events);
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 15_000;
  let current: Client | undefined;
  let backendPid: number | undefined;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  // A connection cut without a FIN or RST (a NAT, a failed-over host) would stay "open" for the
  // minutes TCP keepalive takes: an unanswered heartbeat counts as a lost connection.
  const heartbeat = setInterval(() => {
    const client = current;
    if (!client || backendPid === undefined) return;
    const late = setTimeout(() => lost(client, { code: 'no answer to a heartbeat' }), options.heartbeatTimeoutMs ?? 10_000);
    late.unref();
    client.query('SELECT 1').then(
      () => clearTimeout(late),
      (e: unknown) => {
        clearTimeout(late);
        lost(client, e);
      },
    );
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();
  let markReady: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (markReady = resolve));

  const lost = (client: Client, error?: unknown) => {
    if (client !== current) return; // 'error' and 'end' of one connection: one reconnection
    current = undefined;
    backendPid = undefined;
    client.removeAllListeners('notification');
    void hangUp(client);
    if (closed) return;
    const delay = Math.min(max, base * 2 ** failures) * (0.5 + Math.random() / 2);
    const code = (error as { code?: unknown } | undefined)?.code;
    const why = typeof code === 'string' ? code : 'connection lost';
    // The URL (and its password) never appears: only the error code.
    if (failures++ === 0) log.warning(`PostgreSQL change listener lost its connection (${why}); reconnecting, resources/updated from other replicas pauses meanwhile`);
    else log.debug(`PostgreSQL change listener: reconnection failed (${why}); next try in ${Math.round(delay)} ms`);
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
  };

  const connect = async () => {
    if (closed) return;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url, application_name: 'zalo-oa-mcp-listen', keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 5_000 });
    current = client;
    client.on('error', (e) => lost(client, e));
    client.on('end', () => lost(client));
    client.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) replay(events, self, n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      backendPid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    } catch (e) {
      lost(client, e);
      return;
    }
    if (closed) return void hangUp(client);
    if (failures > 0) log.info('PostgreSQL change listener connected again; changes made while it was away were not announced');
    failures = 0;
    markReady();
  };
  void connect();

  return {
    ready: (timeoutMs) => Promise.race([listening.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]),
    pid: () => backendPid,
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      const client = current;
      current = undefined;
      if (client) await hangUp(client);
    },
  };
}

/** End a connection; one whose peer went silent is destroyed after 1 s (end() waits for the peer). */
async function hangUp(client: Client): Promise<void> {
  const ended = client.end().then(() => true, () => true);
  if (await Promise.race([ended, new Promise<false>((r) => setTimeout(() => r(false), 1_000).unref())])) return;
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
