/**
 * PostgreSQL schema, one entry per version; applied in order, once, by openPgPool. Append only:
 * a replica running an older build must still find the columns it uses.
 */
export interface PgMigration {
  version: number;
  sql: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    // One row per OA; a refresh replaces the whole pair with one UPDATE, so it is never half-written.
    sql: `CREATE TABLE zalo_tokens (
      alias text PRIMARY KEY,
      access_token text NOT NULL,
      refresh_token text NOT NULL,
      access_expires_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      oa_id text
    )`,
  },
  {
    version: 2,
    // The store of src/store/types.ts (the SQLite schema's tables, prefixed): events, messages, index, sync.
    sql: `CREATE TABLE zalo_events (
      id bigserial PRIMARY KEY, oa text NOT NULL, dedupe_key text NOT NULL, event_name text NOT NULL, user_id text,
      time bigint NOT NULL, received_at bigint NOT NULL, raw text NOT NULL, UNIQUE (oa, dedupe_key)
    );
    CREATE INDEX zalo_events_by_time ON zalo_events (oa, time);
    CREATE INDEX zalo_events_by_user ON zalo_events (oa, user_id, time);
    CREATE INDEX zalo_events_by_name ON zalo_events (oa, event_name, time);
    CREATE TABLE zalo_messages (
      seq bigserial UNIQUE, oa text NOT NULL, message_id text NOT NULL, user_id text,
      direction text NOT NULL CHECK (direction IN ('in', 'out')), type text NOT NULL, text text, time bigint NOT NULL,
      source text NOT NULL, phone text, tracking_id text, template_id text, delivered_at bigint, seen_at bigint,
      PRIMARY KEY (oa, message_id)
    );
    CREATE INDEX zalo_messages_by_user ON zalo_messages (oa, user_id, time);
    CREATE TABLE zalo_conversations (
      oa text NOT NULL, user_id text NOT NULL, last_in_time bigint, last_out_time bigint, PRIMARY KEY (oa, user_id)
    );
    CREATE INDEX zalo_conversations_waiting ON zalo_conversations (oa, last_in_time);
    CREATE TABLE zalo_followers (
      oa text NOT NULL, user_id text NOT NULL, display_name text NOT NULL DEFAULT '', alias text, avatar text,
      is_follower boolean, last_interaction bigint, tags text NOT NULL DEFAULT '[]', notes text NOT NULL DEFAULT '[]',
      name text, phone text, address text, city text, district text, birthday text,
      name_key text NOT NULL DEFAULT '', city_key text, profile_at bigint, updated_at bigint NOT NULL,
      PRIMARY KEY (oa, user_id)
    );
    CREATE INDEX zalo_followers_by_phone ON zalo_followers (oa, phone);
    CREATE INDEX zalo_followers_by_interaction ON zalo_followers (oa, last_interaction);
    CREATE TABLE zalo_follower_tags (oa text NOT NULL, user_id text NOT NULL, tag_key text NOT NULL, PRIMARY KEY (oa, tag_key, user_id));
    CREATE TABLE zalo_sync_state (oa text PRIMARY KEY, state text NOT NULL);
    CREATE TABLE zalo_sync_queue (oa text NOT NULL, user_id text NOT NULL, PRIMARY KEY (oa, user_id));
    CREATE TABLE zalo_kv (oa text NOT NULL, key text NOT NULL, value text NOT NULL, at bigint NOT NULL, PRIMARY KEY (oa, key))`,
  },
  {
    version: 3,
    // Replicas' heartbeats (pg-rate-share.ts): how many share the app's rate limit.
    sql: 'CREATE TABLE zalo_replicas (id text PRIMARY KEY, seen_at bigint NOT NULL)',
  },
];
