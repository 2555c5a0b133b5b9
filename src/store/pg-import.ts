/**
 * Copy a SQLite store (sqlite.ts schema) into the PostgreSQL store tables, for `migrate-store`.
 * Rows already in the database win (ON CONFLICT DO NOTHING): a webhook a replica stored meanwhile
 * is not overwritten, and running the copy twice changes nothing.
 */
import type { Pool } from 'pg';
import { withClient } from './pg-pool.js';

/** SQLite table → PostgreSQL table and the columns copied (events.id and messages' order are re-numbered in order). */
const TABLES: Array<{ from: string; to: string; columns: string[]; order: string; bool?: string }> = [
  { from: 'events', to: 'zalo_events', columns: ['oa', 'dedupe_key', 'event_name', 'user_id', 'time', 'received_at', 'raw'], order: 'id' },
  { from: 'messages', to: 'zalo_messages', columns: ['oa', 'message_id', 'user_id', 'direction', 'type', 'text', 'time', 'source', 'phone', 'tracking_id', 'template_id', 'delivered_at', 'seen_at'], order: 'rowid' },
  { from: 'conversations', to: 'zalo_conversations', columns: ['oa', 'user_id', 'last_in_time', 'last_out_time'], order: 'rowid' },
  {
    from: 'followers', to: 'zalo_followers', bool: 'is_follower', order: 'rowid',
    columns: ['oa', 'user_id', 'display_name', 'alias', 'avatar', 'is_follower', 'last_interaction', 'tags', 'notes', 'name', 'phone', 'address', 'city', 'district', 'birthday', 'name_key', 'city_key', 'profile_at', 'updated_at'],
  },
  { from: 'follower_tags', to: 'zalo_follower_tags', columns: ['oa', 'user_id', 'tag_key'], order: 'rowid' },
  { from: 'sync_state', to: 'zalo_sync_state', columns: ['oa', 'state'], order: 'rowid' },
  { from: 'sync_queue', to: 'zalo_sync_queue', columns: ['oa', 'user_id'], order: 'rowid' },
  { from: 'kv', to: 'zalo_kv', columns: ['oa', 'key', 'value', 'at'], order: 'rowid' },
];

/** Rows inserted per table. */
export async function copySqliteToPg(path: string, pool: Pool): Promise<Record<string, number>> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const copied: Record<string, number> = {};
    await withClient(pool, 'copying the local store', async (c) => {
      await c.query('BEGIN');
      for (const t of TABLES) {
        const rows = db.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.from} ORDER BY ${t.order}`).all() as Array<Record<string, unknown>>;
        const sql = `INSERT INTO ${t.to} (${t.columns.join(', ')}) VALUES (${t.columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`;
        let n = 0;
        for (const r of rows) {
          const values = t.columns.map((col) => (col === t.bool && r[col] !== null ? r[col] === 1 : r[col]));
          n += (await c.query(sql, values)).rowCount ?? 0;
        }
        copied[t.from] = n;
      }
      await c.query('COMMIT');
    });
    return copied;
  } finally {
    db.close();
  }
}
