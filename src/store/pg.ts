/**
 * The store (types.ts) in PostgreSQL, shared by every replica on ZALO_DATABASE_URL: a webhook
 * delivered to any replica is stored once (unique oa + dedupe key) and seen by all. Same rules as
 * sqlite.ts; multi-statement changes run in one transaction on one pooled connection.
 */
import type { Pool, PoolClient } from 'pg';
import { checkout, dbError, lockKey, openPgPool, withClient } from './pg-pool.js';
import { getFollower, indexInfo, knownProfiles, patchFollower, putFollowers, searchFollowers } from './pg-followers.js';
import { ZaloError } from '../zalo/errors.js';
import type { EventEffect, EventQuery, EventRecord, ExclusiveOptions, MessageRecord, Store, StoredEvent, SyncState } from './types.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function toEvent(r: Row): StoredEvent {
  return {
    id: Number(r.id), oa: r.oa as string, dedupeKey: r.dedupe_key as string, eventName: r.event_name as string,
    userId: opt(r.user_id), time: Number(r.time), receivedAt: Number(r.received_at), raw: r.raw as string,
  };
}

function toMessage(r: Row): MessageRecord {
  return {
    oa: r.oa as string, messageId: r.message_id as string, userId: opt(r.user_id), direction: r.direction as MessageRecord['direction'],
    type: r.type as string, text: opt(r.text), time: Number(r.time), source: r.source as MessageRecord['source'], phone: opt(r.phone),
    trackingId: opt(r.tracking_id), templateId: opt(r.template_id), deliveredAt: num(r.delivered_at), seenAt: num(r.seen_at),
  };
}

const ADD_MESSAGE = `INSERT INTO zalo_messages AS m (oa, message_id, user_id, direction, type, text, time, source, phone, tracking_id, template_id, delivered_at, seen_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (oa, message_id) DO UPDATE SET
    user_id = COALESCE(m.user_id, EXCLUDED.user_id), text = COALESCE(m.text, EXCLUDED.text), phone = COALESCE(m.phone, EXCLUDED.phone),
    tracking_id = COALESCE(m.tracking_id, EXCLUDED.tracking_id), template_id = COALESCE(m.template_id, EXCLUDED.template_id),
    delivered_at = COALESCE(m.delivered_at, EXCLUDED.delivered_at), seen_at = COALESCE(m.seen_at, EXCLUDED.seen_at)
  RETURNING (xmax = 0) AS inserted`;

const TOUCH = `INSERT INTO zalo_conversations AS c (oa, user_id, last_in_time, last_out_time) VALUES ($1, $2, $3, $4)
  ON CONFLICT (oa, user_id) DO UPDATE SET
    last_in_time = GREATEST(COALESCE(c.last_in_time, 0), COALESCE(EXCLUDED.last_in_time, 0)),
    last_out_time = GREATEST(COALESCE(c.last_out_time, 0), COALESCE(EXCLUDED.last_out_time, 0))`;

const UNANSWERED = `SELECT c.user_id, c.last_in_time, m.text, m.type, COALESCE(NULLIF(f.display_name, ''), f.name) AS display_name,
    (SELECT COUNT(*)::int FROM zalo_messages w WHERE w.oa = c.oa AND w.user_id = c.user_id AND w.direction = 'in' AND w.time > COALESCE(c.last_out_time, 0)) AS waiting,
    COUNT(*) OVER () AS total
  FROM zalo_conversations c
  LEFT JOIN zalo_messages m ON m.seq = (SELECT x.seq FROM zalo_messages x WHERE x.oa = c.oa AND x.user_id = c.user_id AND x.direction = 'in' ORDER BY x.time DESC LIMIT 1)
  LEFT JOIN zalo_followers f ON f.oa = c.oa AND f.user_id = c.user_id
  WHERE c.oa = $1 AND c.last_in_time > COALESCE(c.last_out_time, 0) AND c.last_in_time >= $2
  ORDER BY c.last_in_time ASC, c.user_id COLLATE "C" LIMIT $3 OFFSET $4`;

const addEvent = async (c: PoolClient, e: EventRecord) =>
  ((await c.query(`INSERT INTO zalo_events (oa, dedupe_key, event_name, user_id, time, received_at, raw)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (oa, dedupe_key) DO NOTHING RETURNING id`,
  [e.oa, e.dedupeKey, e.eventName, e.userId ?? null, e.time, e.receivedAt, e.raw])).rowCount ?? 0) > 0;

async function addMessage(c: PoolClient, m: MessageRecord): Promise<boolean> {
  const { rows } = await c.query(ADD_MESSAGE, [m.oa, m.messageId, m.userId ?? null, m.direction, m.type, m.text ?? null, m.time, m.source,
    m.phone ?? null, m.trackingId ?? null, m.templateId ?? null, m.deliveredAt ?? null, m.seenAt ?? null]);
  if (m.userId) await c.query(TOUCH, [m.oa, m.userId, m.direction === 'in' ? m.time : null, m.direction === 'out' ? m.time : null]);
  return rows[0]?.inserted === true;
}

const markDelivered = async (c: PoolClient, oa: string, messageId: string, at: number) =>
  ((await c.query('UPDATE zalo_messages SET delivered_at = COALESCE(delivered_at, $3) WHERE oa = $1 AND message_id = $2', [oa, messageId, at])).rowCount ?? 0) > 0;

const markSeen = async (c: PoolClient, oa: string, userId: string, ids: string[], at: number) =>
  (ids.length
    ? await c.query(`UPDATE zalo_messages SET seen_at = COALESCE(seen_at, $3), delivered_at = COALESCE(delivered_at, $3)
        WHERE oa = $1 AND message_id = ANY($2::text[]) AND direction = 'out'`, [oa, ids, at])
    : await c.query(`UPDATE zalo_messages SET seen_at = $3, delivered_at = COALESCE(delivered_at, $3)
        WHERE oa = $1 AND user_id = $2 AND direction = 'out' AND seen_at IS NULL AND time <= $3`, [oa, userId, at])).rowCount ?? 0;

const setValue = async (c: PoolClient, oa: string, key: string, value: string, at: number) =>
  void (await c.query('INSERT INTO zalo_kv (oa, key, value, at) VALUES ($1, $2, $3, $4) ON CONFLICT (oa, key) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at', [oa, key, value, at]));

/** One effect of a webhook event, inside its transaction. */
async function applyEffect(c: PoolClient, oa: string, x: EventEffect): Promise<void> {
  if (x.kind === 'message') await addMessage(c, { ...x.message, oa });
  else if (x.kind === 'follower') await patchFollower(c, oa, x.userId, x.patch, x.at);
  else if (x.kind === 'delivered') await markDelivered(c, oa, x.messageId, x.at);
  else if (x.kind === 'seen') await markSeen(c, oa, x.userId, x.messageIds, x.at);
  else if (x.kind === 'value') await setValue(c, oa, x.key, x.value, x.at);
  // Queued by PostgreSQL and delivered at COMMIT only: a rolled-back event is never announced.
  else await c.query('SELECT pg_notify($1, $2)', [x.channel, x.payload]);
}

/** Deadlock and serialization failures: the whole transaction was undone and may run again. */
const RETRY_TX = new Set(['40P01', '40001']);

const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/** How long a caller waits for another replica's lease before it is told to come back (default). */
export const LEASE_WAIT_MS = 20_000;
const LEASE_POLL_MS = 200;

function leaseBusy(oa: string, name: string): ZaloError {
  return new ZaloError(`${name} is already running for OA "${oa}" on another replica`, {
    kind: 'unavailable',
    retryable: true,
    hint: `Call ${name} again later to get its result.`,
  });
}

const EVENTS_WHERE = `oa = $1 AND ($2::text IS NULL OR event_name = $2) AND ($3::text IS NULL OR user_id = $3)
  AND ($4::bigint IS NULL OR time >= $4) AND ($5::bigint IS NULL OR time <= $5)`;

/** What only a shared database needs on top of Store. */
export interface PgStoreExtras {
  /**
   * Run `fn` on one replica at a time for (oa, name), under a session advisory lock (the lease:
   * freed by PostgreSQL if the holder dies). A caller that finds it held waits (at most
   * `options.waitMs`, then it throws `options.busy()` or a retryable "already running" error), then
   * returns the result the holder stored (JSON) instead of doing the work again; if the holder
   * died without one, the caller runs `fn` itself.
   */
  exclusive<T>(oa: string, name: string, fn: () => Promise<T>, options?: ExclusiveOptions): Promise<{ value: T; ran: boolean }>;
  /** NOTIFY `channel` with `payload` (pg-notify.ts: other replicas learn what changed). */
  notify(channel: string, payload: string): Promise<void>;
}

/** Connect to `url` (migrating it); close() ends the pool. */
export async function openPgStore(url: string): Promise<Store & PgStoreExtras> {
  return pgStore(await openPgPool(url), true);
}

/** The store on an open pool (see openPgPool); close() ends the pool when `ownsPool`. */
export function pgStore(pool: Pool, ownsPool = false): Store & PgStoreExtras {
  const run = <T>(what: string, fn: (c: PoolClient) => Promise<T>) => withClient(pool, what, fn);
  const tx = <T>(what: string, fn: (c: PoolClient) => Promise<T>) =>
    run(what, async (c) => {
      await c.query('BEGIN');
      const out = await fn(c); // on a throw the connection is discarded, which rolls back
      await c.query('COMMIT');
      return out;
    });
  const q = async (what: string, sql: string, params: unknown[] = []) => (await run(what, (c) => c.query(sql, params))).rows as Row[];
  const setSync = (c: PoolClient, oa: string, state: SyncState) =>
    c.query('INSERT INTO zalo_sync_state (oa, state) VALUES ($1, $2) ON CONFLICT (oa) DO UPDATE SET state = EXCLUDED.state', [oa, JSON.stringify(state)]);
  let closed = false;

  return {
    kind: 'postgres',
    addEvent: (e: EventRecord) => run('storing a webhook event', (c) => addEvent(c, e)),
    ingest: (e, effects) =>
      run('storing a webhook event', async (c) => {
        for (let attempt = 1; ; attempt++) {
          await c.query('BEGIN');
          try {
            // A concurrent delivery of the same event waits here on the unique key until the first
            // commits (then this one is the duplicate) or rolls back (then this one stores it).
            const fresh = await addEvent(c, e);
            if (fresh) for (const x of effects) await applyEffect(c, e.oa, x);
            await c.query('COMMIT');
            return fresh;
          } catch (err) {
            // A deadlock with another replica's transaction undid all of this one: run it again.
            if (attempt >= 3 || !RETRY_TX.has((err as { code?: string }).code ?? '')) throw err; // the connection is discarded: rolled back
            await c.query('ROLLBACK');
          }
        }
      }),
    async listEvents(x: EventQuery) {
      const params = [x.oa, x.eventName ?? null, x.userId ?? null, x.from ?? null, x.to ?? null];
      const rows = await q('listing webhook events', `SELECT *, COUNT(*) OVER () AS total FROM zalo_events WHERE ${EVENTS_WHERE}
        ORDER BY time DESC, id DESC LIMIT $6 OFFSET $7`, [...params, x.count, x.offset]);
      const total = rows.length ? Number(rows[0]!.total) : x.offset > 0 ? Number((await q('counting webhook events', `SELECT COUNT(*) AS n FROM zalo_events WHERE ${EVENTS_WHERE}`, params))[0]!.n) : 0;
      return { items: rows.map(toEvent), total };
    },
    addMessage: (m: MessageRecord) => tx('recording a message', (c) => addMessage(c, m)),
    getMessage: async (oa, id) => {
      const r = (await q('reading a message', 'SELECT * FROM zalo_messages WHERE oa = $1 AND message_id = $2', [oa, id]))[0];
      return r && toMessage(r);
    },
    history: async (oa, userId, offset, count) =>
      (await q('reading a conversation', 'SELECT * FROM zalo_messages WHERE oa = $1 AND user_id = $2 ORDER BY time DESC, seq DESC LIMIT $3 OFFSET $4', [oa, userId, count, offset])).map(toMessage),
    countMessages: async (oa, userId) => (await q('counting messages', 'SELECT COUNT(*)::int AS n FROM zalo_messages WHERE oa = $1 AND user_id = $2', [oa, userId]))[0]!.n as number,
    markDelivered: (oa, messageId, at) => run('recording a delivery', (c) => markDelivered(c, oa, messageId, at)),
    markSeen: (oa, userId, ids, at) => run('recording a seen receipt', (c) => markSeen(c, oa, userId, ids, at)),
    async unanswered(oa, { since, offset, count }) {
      const rows = await q('listing unanswered conversations', UNANSWERED, [oa, since ?? 0, count, offset]);
      const items = rows.map((r) => ({
        userId: r.user_id as string, lastUserTime: Number(r.last_in_time), lastText: opt<string>(r.text), lastType: (r.type as string) ?? 'text',
        waiting: r.waiting as number, displayName: opt<string>(r.display_name) || undefined,
      }));
      const total = rows.length ? Number(rows[0]!.total) : offset > 0 ? Number((await q('listing unanswered conversations', UNANSWERED, [oa, since ?? 0, 1, 0]))[0]?.total ?? 0) : 0;
      return { items, total };
    },
    putFollowers: (oa, list) => tx('storing follower profiles', (c) => putFollowers(c, oa, list)),
    patchFollower: (oa, userId, patch, at) => tx('updating a follower', (c) => patchFollower(c, oa, userId, patch, at)),
    getFollower: (oa, userId) => run('reading a follower', (c) => getFollower(c, oa, userId)),
    searchFollowers: (query) => run('searching followers', (c) => searchFollowers(c, query)),
    knownProfiles: (oa, ids) => run('reading the follower index', (c) => knownProfiles(c, oa, ids)),
    indexInfo: (oa) => run('reading the follower index', (c) => indexInfo(c, oa)),
    getSync: async (oa) => {
      const r = (await q('reading the sync state', 'SELECT state FROM zalo_sync_state WHERE oa = $1', [oa]))[0];
      return r ? (JSON.parse(r.state as string) as SyncState) : undefined;
    },
    setSync: (oa, state) => run('saving the sync state', async (c) => void (await setSync(c, oa, state))),
    queueProfiles: (oa, ids, state) =>
      tx('queueing profiles', async (c) => {
        if (ids.length) await c.query('INSERT INTO zalo_sync_queue (oa, user_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [oa, ids]);
        await setSync(c, oa, state);
      }),
    queuedProfiles: async (oa, limit) =>
      (await q('reading the sync queue', 'SELECT user_id FROM zalo_sync_queue WHERE oa = $1 ORDER BY user_id COLLATE "C" LIMIT $2', [oa, limit])).map((r) => r.user_id as string),
    queuedCount: async (oa) => (await q('reading the sync queue', 'SELECT COUNT(*)::int AS n FROM zalo_sync_queue WHERE oa = $1', [oa]))[0]!.n as number,
    completeProfiles: (oa, list, gone) =>
      tx('storing follower profiles', async (c) => {
        await putFollowers(c, oa, list);
        await c.query('DELETE FROM zalo_sync_queue WHERE oa = $1 AND user_id = ANY($2::text[])', [oa, [...list.map((f) => f.userId), ...gone]]);
      }),
    getValue: async (oa, key) => {
      const r = (await q('reading a stored value', 'SELECT value, at FROM zalo_kv WHERE oa = $1 AND key = $2', [oa, key]))[0];
      return r ? { value: r.value as string, at: Number(r.at) } : undefined;
    },
    setValue: (oa, key, value, at) => run('saving a value', (c) => setValue(c, oa, key, value, at)),
    async exclusive<T>(oa: string, name: string, fn: () => Promise<T>, options: ExclusiveOptions = {}) {
      const what = `running ${name} once across replicas`;
      const key = lockKey(`lease:${oa}:${name}`);
      const resultKey = `lease:${name}:result`;
      const deadline = Date.now() + (options.waitMs ?? LEASE_WAIT_MS);
      let asked: number | undefined;
      let waited = false;
      let client: Awaited<ReturnType<typeof checkout>>;
      // Wait by polling, without holding a connection: waiters must not starve the holder's pool.
      for (;;) {
        const c = await checkout(pool, what);
        let ok = false;
        try {
          // Times from the database clock: replicas' clocks may differ.
          const r = (await c.query(`SELECT ${NOW_MS} AS t, pg_try_advisory_lock($1) AS ok`, [key])).rows[0];
          asked ??= Number(r.t);
          ok = r.ok === true;
        } catch (e) {
          c.done(true);
          throw dbError(e, what);
        }
        if (ok) {
          client = c;
          break;
        }
        c.done(false);
        waited = true;
        if (Date.now() >= deadline) throw (await options.busy?.()) ?? leaseBusy(oa, name);
        await new Promise((r) => setTimeout(r, Math.max(1, Math.min(LEASE_POLL_MS, deadline - Date.now()))));
      }
      let broken = false;
      const db = async <R>(step: () => Promise<R>) => {
        try {
          return await step();
        } catch (e) {
          broken = true; // closing the connection frees the lease
          throw dbError(e, what);
        }
      };
      try {
        if (waited) {
          // The holder finished (or died): its result, if it stored one since we asked.
          const r = await db(async () => (await client.query('SELECT value, at FROM zalo_kv WHERE oa = $1 AND key = $2', [oa, resultKey])).rows[0]);
          if (r && Number(r.at) >= asked!) return { value: JSON.parse(r.value as string) as T, ran: false };
        }
        const value = await fn();
        await db(() => client.query(`INSERT INTO zalo_kv (oa, key, value, at) VALUES ($1, $2, $3, ${NOW_MS})
          ON CONFLICT (oa, key) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at`, [oa, resultKey, JSON.stringify(value)]));
        return { value, ran: true };
      } finally {
        if (!broken) await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => { broken = true; });
        client.done(broken);
      }
    },
    notify: (channel, payload) => run('announcing a change', async (c) => void (await c.query('SELECT pg_notify($1, $2)', [channel, payload]))),
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end();
    },
  };
}
