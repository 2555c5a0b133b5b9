/**
 * The SQLite schema as numbered steps. `PRAGMA user_version` records how many have run; a newer
 * binary applies the missing ones at open, each in its own transaction. Never edit a shipped step:
 * add the next one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: events, messages, conversations summary, follower index, sync state, small values.
  `CREATE TABLE events (
     id INTEGER PRIMARY KEY,
     oa TEXT NOT NULL,
     dedupe_key TEXT NOT NULL,
     event_name TEXT NOT NULL,
     user_id TEXT,
     time INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     raw TEXT NOT NULL,
     UNIQUE (oa, dedupe_key)
   );
   CREATE INDEX events_by_time ON events (oa, time);
   CREATE INDEX events_by_user ON events (oa, user_id, time);
   CREATE INDEX events_by_name ON events (oa, event_name, time);

   CREATE TABLE messages (
     oa TEXT NOT NULL,
     message_id TEXT NOT NULL,
     user_id TEXT,
     direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
     type TEXT NOT NULL,
     text TEXT,
     time INTEGER NOT NULL,
     source TEXT NOT NULL,
     phone TEXT,
     tracking_id TEXT,
     template_id TEXT,
     delivered_at INTEGER,
     seen_at INTEGER,
     PRIMARY KEY (oa, message_id)
   );
   CREATE INDEX messages_by_user ON messages (oa, user_id, time);

   CREATE TABLE conversations (
     oa TEXT NOT NULL,
     user_id TEXT NOT NULL,
     last_in_time INTEGER,
     last_out_time INTEGER,
     PRIMARY KEY (oa, user_id)
   );
   CREATE INDEX conversations_waiting ON conversations (oa, last_in_time);

   CREATE TABLE followers (
     oa TEXT NOT NULL,
     user_id TEXT NOT NULL,
     display_name TEXT NOT NULL DEFAULT '',
     alias TEXT,
     avatar TEXT,
     is_follower INTEGER,
     last_interaction INTEGER,
     tags TEXT NOT NULL DEFAULT '[]',
     notes TEXT NOT NULL DEFAULT '[]',
     name TEXT,
     phone TEXT,
     address TEXT,
     city TEXT,
     district TEXT,
     birthday TEXT,
     name_key TEXT NOT NULL DEFAULT '',
     city_key TEXT,
     profile_at INTEGER,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (oa, user_id)
   );
   CREATE INDEX followers_by_phone ON followers (oa, phone);
   CREATE INDEX followers_by_interaction ON followers (oa, last_interaction);

   CREATE TABLE follower_tags (
     oa TEXT NOT NULL,
     user_id TEXT NOT NULL,
     tag_key TEXT NOT NULL,
     PRIMARY KEY (oa, tag_key, user_id)
   );

   CREATE TABLE sync_state (oa TEXT PRIMARY KEY, state TEXT NOT NULL);
   CREATE TABLE sync_queue (oa TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (oa, user_id));
   CREATE TABLE kv (oa TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (oa, key));`,
  // 2: search pages walk this index newest first and stop at the page's end, with no sort.
  `CREATE INDEX followers_by_recent ON followers (oa, last_interaction DESC, user_id DESC);`,
  // 3: name words are matched anywhere in name_key; scanning this narrow index is far cheaper than the rows.
  `CREATE INDEX followers_by_name ON followers (oa, name_key);`,
];
