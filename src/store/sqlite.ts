/**
 * The embedded store: one SQLite file through better-sqlite3 (WAL, so readers never wait for the
 * webhook writer and a killed process loses at most its open transaction). Every statement is
 * prepared with parameters; nothing is ever spliced into SQL text. The file and its directory
 * are created private (0600 / 0700): it holds customers' messages and phone numbers.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { sqliteFollowers } from './sqlite-followers.js';
import type { EventEffect, EventQuery, EventRecord, MessageRecord, Store, StoredEvent, SyncState } from './types.js';

type Db = BetterSqlite3.Database;
type Row = Record<string, unknown>;

/** Apply the migrations this file has not seen yet. */
function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(`the store was written by a newer zalo-oa-mcp (schema ${current}, this one knows ${SQLITE_MIGRATIONS.length}): upgrade, or point ZALO_STORE_PATH elsewhere`);
  }
  SQLITE_MIGRATIONS.forEach((sql, i) => {
    if (i < current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  });
}

const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function toEvent(r: Row): StoredEvent {
  return {
    id: r.id as number, oa: r.oa as string, dedupeKey: r.dedupe_key as string, eventName: r.event_name as string,
    userId: opt(r.user_id), time: r.time as number, receivedAt: r.received_at as number, raw: r.raw as string,
  };
}

function toMessage(r: Row): MessageRecord {
  return {
    oa: r.oa as string, messageId: r.message_id as string, userId: opt(r.user_id), direction: r.direction as MessageRecord['direction'],
    type: r.type as string, text: opt(r.text), time: r.time as number, source: r.source as MessageRecord['source'], phone: opt(r.phone),
    trackingId: opt(r.tracking_id), templateId: opt(r.template_id), deliveredAt: opt(r.delivered_at), seenAt: opt(r.seen_at),
  };
}

/** The window-function total of a page; a page past the end asks for the first row's. */
function totalOf(rows: Row[], offset: number, first: () => Row[]): number {
  if (rows.length) return rows[0]!.total as number;
  return offset > 0 ? ((first()[0]?.total as number | undefined) ?? 0) : 0;
}

/** Open (creating and migrating) the store at `path`. */
export async function openSqliteStore(path: string): Promise<Store> {
  const { default: Database } = await import('better-sqlite3');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const s = {
    addEvent: db.prepare(`INSERT INTO events (oa, dedupe_key, event_name, user_id, time, received_at, raw)
      VALUES (@oa, @dedupeKey, @eventName, @userId, @time, @receivedAt, @raw) ON CONFLICT (oa, dedupe_key) DO NOTHING`),
    listEvents: db.prepare(`SELECT *, COUNT(*) OVER () AS total FROM events
      WHERE oa = @oa AND (@eventName IS NULL OR event_name = @eventName) AND (@userId IS NULL OR user_id = @userId)
        AND (@from IS NULL OR time >= @from) AND (@to IS NULL OR time <= @to)
      ORDER BY time DESC, id DESC LIMIT @count OFFSET @offset`),
    addMessage: db.prepare(`INSERT INTO messages (oa, message_id, user_id, direction, type, text, time, source, phone, tracking_id, template_id, delivered_at, seen_at)
      VALUES (@oa, @messageId, @userId, @direction, @type, @text, @time, @source, @phone, @trackingId, @templateId, @deliveredAt, @seenAt)
      ON CONFLICT (oa, message_id) DO UPDATE SET
        user_id = COALESCE(messages.user_id, excluded.user_id), text = COALESCE(messages.text, excluded.text),
        phone = COALESCE(messages.phone, excluded.phone), tracking_id = COALESCE(messages.tracking_id, excluded.tracking_id),
        template_id = COALESCE(messages.template_id, excluded.template_id),
        delivered_at = COALESCE(messages.delivered_at, excluded.delivered_at), seen_at = COALESCE(messages.seen_at, excluded.seen_at)`),
    touchConversation: db.prepare(`INSERT INTO conversations (oa, user_id, last_in_time, last_out_time) VALUES (@oa, @userId, @inTime, @outTime)
      ON CONFLICT (oa, user_id) DO UPDATE SET
        last_in_time = MAX(COALESCE(conversations.last_in_time, 0), COALESCE(excluded.last_in_time, 0)),
        last_out_time = MAX(COALESCE(conversations.last_out_time, 0), COALESCE(excluded.last_out_time, 0))`),
    getMessage: db.prepare('SELECT * FROM messages WHERE oa = ? AND message_id = ?'),
    history: db.prepare('SELECT * FROM messages WHERE oa = ? AND user_id = ? ORDER BY time DESC, rowid DESC LIMIT ? OFFSET ?'),
    countMessages: db.prepare('SELECT COUNT(*) AS n FROM messages WHERE oa = ? AND user_id = ?'),
    markDelivered: db.prepare('UPDATE messages SET delivered_at = COALESCE(delivered_at, @at) WHERE oa = @oa AND message_id = @messageId'),
    markSeenOne: db.prepare(`UPDATE messages SET seen_at = COALESCE(seen_at, @at), delivered_at = COALESCE(delivered_at, @at)
      WHERE oa = @oa AND message_id = @messageId AND direction = 'out'`),
    markSeenAll: db.prepare(`UPDATE messages SET seen_at = @at, delivered_at = COALESCE(delivered_at, @at)
      WHERE oa = @oa AND user_id = @userId AND direction = 'out' AND seen_at IS NULL AND time <= @at`),
    unanswered: db.prepare(`SELECT c.user_id, c.last_in_time, m.text, m.type, COALESCE(NULLIF(f.display_name, ''), f.name) AS display_name,
        (SELECT COUNT(*) FROM messages w WHERE w.oa = c.oa AND w.user_id = c.user_id AND w.direction = 'in' AND w.time > COALESCE(c.last_out_time, 0)) AS waiting,
        COUNT(*) OVER () AS total
      FROM conversations c
      LEFT JOIN messages m ON m.rowid = (SELECT rowid FROM messages x WHERE x.oa = c.oa AND x.user_id = c.user_id AND x.direction = 'in' ORDER BY x.time DESC LIMIT 1)
      LEFT JOIN followers f ON f.oa = c.oa AND f.user_id = c.user_id
      WHERE c.oa = @oa AND c.last_in_time > COALESCE(c.last_out_time, 0) AND c.last_in_time >= @since
      ORDER BY c.last_in_time ASC, c.user_id LIMIT @count OFFSET @offset`),
    getSync: db.prepare('SELECT state FROM sync_state WHERE oa = ?'),
    setSync: db.prepare('INSERT INTO sync_state (oa, state) VALUES (?, ?) ON CONFLICT (oa) DO UPDATE SET state = excluded.state'),
    queue: db.prepare('INSERT INTO sync_queue (oa, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    queued: db.prepare('SELECT user_id FROM sync_queue WHERE oa = ? ORDER BY user_id LIMIT ?'),
    queuedCount: db.prepare('SELECT COUNT(*) AS n FROM sync_queue WHERE oa = ?'),
    unqueue: db.prepare('DELETE FROM sync_queue WHERE oa = ? AND user_id = ?'),
    getValue: db.prepare('SELECT value, at FROM kv WHERE oa = ? AND key = ?'),
    setValue: db.prepare('INSERT INTO kv (oa, key, value, at) VALUES (?, ?, ?, ?) ON CONFLICT (oa, key) DO UPDATE SET value = excluded.value, at = excluded.at'),
  };
  const followers = sqliteFollowers(db);

  const addMessageRow = (m: MessageRecord) => {
    const changed = s.addMessage.run({
      oa: m.oa, messageId: m.messageId, userId: m.userId ?? null, direction: m.direction, type: m.type, text: m.text ?? null, time: m.time,
      source: m.source, phone: m.phone ?? null, trackingId: m.trackingId ?? null, templateId: m.templateId ?? null,
      deliveredAt: m.deliveredAt ?? null, seenAt: m.seenAt ?? null,
    }).changes;
    if (m.userId) s.touchConversation.run({ oa: m.oa, userId: m.userId, inTime: m.direction === 'in' ? m.time : null, outTime: m.direction === 'out' ? m.time : null });
    return changed > 0;
  };
  const addMessage = db.transaction(addMessageRow);
  const markSeenRows = (oa: string, userId: string, ids: string[], at: number) =>
    ids.length ? ids.reduce((n, messageId) => n + s.markSeenOne.run({ oa, messageId, at }).changes, 0) : s.markSeenAll.run({ oa, userId, at }).changes;
  const markSeen = db.transaction(markSeenRows);
  const apply = (oa: string, x: EventEffect) => {
    if (x.kind === 'message') addMessageRow({ ...x.message, oa });
    else if (x.kind === 'follower') followers.patchRow(oa, x.userId, x.patch, x.at);
    else if (x.kind === 'delivered') s.markDelivered.run({ oa, messageId: x.messageId, at: x.at });
    else if (x.kind === 'seen') markSeenRows(oa, x.userId, x.messageIds, x.at);
    else if (x.kind === 'value') s.setValue.run(oa, x.key, x.value, x.at);
    // 'notify': one process's listeners hear ingestEvent's emits; nothing to send elsewhere.
  };
  // IMMEDIATE: the write lock is taken at BEGIN, so another process's writer waits (busy_timeout)
  // instead of failing to upgrade; the duplicate check is this transaction's first statement.
  const ingest = db.transaction((e: EventRecord, effects: EventEffect[]) => {
    if (s.addEvent.run({ ...e, userId: e.userId ?? null }).changes === 0) return false;
    for (const x of effects) apply(e.oa, x);
    return true;
  }).immediate;
  const queueProfiles = db.transaction((oa: string, ids: string[], state: SyncState) => {
    for (const id of ids) s.queue.run(oa, id);
    s.setSync.run(oa, JSON.stringify(state));
  });
  const completeProfiles = db.transaction((oa: string, list: Parameters<Store['putFollowers']>[1], gone: string[]) => {
    followers.put(oa, list);
    for (const f of list) s.unqueue.run(oa, f.userId);
    for (const id of gone) s.unqueue.run(oa, id);
  });

  let closed = false;
  const store: Store = {
    kind: 'sqlite',
    addEvent: async (e: EventRecord) => s.addEvent.run({ ...e, userId: e.userId ?? null }).changes > 0,
    ingest: async (e, effects) => ingest(e, effects),
    async listEvents(q: EventQuery) {
      const params = { oa: q.oa, eventName: q.eventName ?? null, userId: q.userId ?? null, from: q.from ?? null, to: q.to ?? null, count: q.count, offset: q.offset };
      const rows = s.listEvents.all(params) as Row[];
      return { items: rows.map(toEvent), total: totalOf(rows, q.offset, () => s.listEvents.all({ ...params, offset: 0, count: 1 }) as Row[]) };
    },
    addMessage: async (m) => addMessage(m),
    getMessage: async (oa, id) => {
      const r = s.getMessage.get(oa, id) as Row | undefined;
      return r && toMessage(r);
    },
    history: async (oa, userId, offset, count) => (s.history.all(oa, userId, count, offset) as Row[]).map(toMessage),
    countMessages: async (oa, userId) => (s.countMessages.get(oa, userId) as { n: number }).n,
    markDelivered: async (oa, messageId, at) => s.markDelivered.run({ oa, messageId, at }).changes > 0,
    markSeen: async (oa, userId, ids, at) => markSeen(oa, userId, ids, at),
    async unanswered(oa, { since, offset, count }) {
      const rows = s.unanswered.all({ oa, since: since ?? 0, offset, count }) as Row[];
      const items = rows.map((r) => ({
        userId: r.user_id as string, lastUserTime: r.last_in_time as number, lastText: opt<string>(r.text), lastType: (r.type as string) ?? 'text',
        waiting: r.waiting as number, displayName: opt<string>(r.display_name) || undefined,
      }));
      return { items, total: totalOf(rows, offset, () => s.unanswered.all({ oa, since: since ?? 0, offset: 0, count: 1 }) as Row[]) };
    },
    putFollowers: async (oa, list) => followers.put(oa, list),
    patchFollower: async (oa, userId, patch, at) => followers.patch(oa, userId, patch, at),
    getFollower: async (oa, userId) => followers.get(oa, userId),
    searchFollowers: async (q) => followers.search(q),
    indexInfo: async (oa) => followers.info(oa),
    knownProfiles: async (oa, ids) => followers.known(oa, ids),
    getSync: async (oa) => {
      const r = s.getSync.get(oa) as { state: string } | undefined;
      return r ? (JSON.parse(r.state) as SyncState) : undefined;
    },
    setSync: async (oa, state) => void s.setSync.run(oa, JSON.stringify(state)),
    queueProfiles: async (oa, ids, state) => queueProfiles(oa, ids, state),
    queuedProfiles: async (oa, limit) => (s.queued.all(oa, limit) as Array<{ user_id: string }>).map((r) => r.user_id),
    queuedCount: async (oa) => (s.queuedCount.get(oa) as { n: number }).n,
    completeProfiles: async (oa, list, gone) => completeProfiles(oa, list, gone),
    getValue: async (oa, key) => s.getValue.get(oa, key) as { value: string; at: number } | undefined,
    setValue: async (oa, key, value, at) => void s.setValue.run(oa, key, value, at),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
  return store;
}
