/**
 * Token pairs in PostgreSQL, shared by every replica on the database. A refresh of one OA runs on
 * one connection holding that OA's advisory lock: the holder re-reads the pair (another replica
 * may have rotated it), writes Zalo's answer to a local journal (pg-journal.ts) the moment it
 * arrives, then stores and commits it in one round trip before the TokenManager hands its access
 * token out. A replica that dies or loses its connection while holding the lock leaves the old row
 * intact (PostgreSQL rolls back and frees the lock); a pair it had journaled is rolled forward by
 * the next holder on that machine or by the next replica starting there.
 */
import type { Pool, PoolClient } from 'pg';
import type { RefreshSession, StoredTokens, TokenStore } from '../zalo/token-store.js';
import { checkout, dbError, lockKey, openPgPool, withClient, type PgPoolOptions } from './pg-pool.js';
import { databaseKey, RefreshJournal, type JournalEntry } from './pg-journal.js';

export interface PgTokenStoreOptions {
  /** How long a refresh waits for another replica's lock before a retryable error (default 30 s). */
  lockWaitMs?: number;
  /** A lock holder idle this long in its transaction (a hung replica) loses it (default 60 s). */
  idleHoldMs?: number;
  /** Folder of the local refresh journal (the runtime: the token file's folder); none: no journal. */
  journalDir?: string;
}

interface Row {
  access_token: string;
  refresh_token: string;
  access_expires_at: string;
  updated_at: string;
  oa_id: string | null;
}

const COLUMNS = 'access_token, refresh_token, access_expires_at, updated_at, oa_id';

export class PgTokenStore implements TokenStore {
  private readonly lockWaitMs: number;
  private readonly idleHoldMs: number;
  readonly journal?: RefreshJournal;

  constructor(readonly pool: Pool, options: PgTokenStoreOptions = {}, private readonly ownsPool = false) {
    this.lockWaitMs = Math.round(options.lockWaitMs ?? 30_000);
    this.idleHoldMs = Math.round(options.idleHoldMs ?? 60_000);
    if (options.journalDir) this.journal = new RefreshJournal(options.journalDir, databaseKey(pool.options.connectionString));
  }

  /** Connect to `url` (migrating it), roll this machine's journals forward, and own the pool: close() ends it. */
  static async open(url: string, options: PgTokenStoreOptions & PgPoolOptions = {}): Promise<PgTokenStore> {
    const store = new PgTokenStore(await openPgPool(url, options), options, true);
    try {
      await store.recover();
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
    return store;
  }

  /** At start: each journal a replica on this machine left behind is settled under its OA's lock. */
  async recover(): Promise<void> {
    for (const { alias } of this.journal?.entries() ?? []) {
      await withClient(this.pool, `recovering the tokens of OA "${alias}"`, async (c) => {
        await this.settle(c, alias, await this.lockAndRead(c, alias));
        await unlock(c, alias);
      });
    }
  }

  load(alias: string): Promise<StoredTokens | undefined> {
    return withClient(this.pool, `reading the tokens of OA "${alias}"`, (c) => read(c, alias));
  }

  async list(): Promise<Record<string, StoredTokens>> {
    const rows = await withClient(this.pool, 'listing the stored tokens', (c) => c.query<Row & { alias: string }>(`SELECT alias, ${COLUMNS} FROM zalo_tokens ORDER BY alias`));
    return Object.fromEntries(rows.rows.map((r) => [r.alias, toPair(r)]));
  }

  /** Store a pair outside a refresh (login, migrate-store): under the OA's lock, so never inside someone's refresh. */
  save(alias: string, tokens: StoredTokens): Promise<void> {
    return withClient(this.pool, `storing the tokens of OA "${alias}"`, async (c) => {
      await c.query(`${this.begin()}; SELECT pg_advisory_xact_lock(${refreshLock(alias)})`);
      await c.query(`${upsertSql(c, alias, tokens)}; COMMIT`);
    });
  }

  /**
   * `fn` runs while this connection holds the OA's (session) advisory lock. save() journals the
   * pair, then writes and commits it in one round trip and opens the next transaction, so the lock
   * is kept for whatever `fn` does next; it is released when `fn` settles, after the journal is
   * removed. A write that fails is retried on a fresh connection under the lock (saveIfUnchanged).
   */
  async withRefreshLock<T>(alias: string, fn: (session: RefreshSession) => Promise<T>): Promise<T> {
    const what = `refreshing the tokens of OA "${alias}"`;
    const client = await checkout(this.pool, what);
    let current: StoredTokens | undefined;
    try {
      current = await this.settle(client, alias, await this.lockAndRead(client, alias));
    } catch (e) {
      client.done(true); // closing the connection frees the lock
      throw dbError(e, what);
    }
    let journal = this.journal?.open(alias);
    let live = true; // this connection holds the lock and its transaction is usable
    let base = current?.refresh_token; // the refresh token the row holds as far as we know
    let journaled: StoredTokens | undefined; // the pair in the journal
    let committed: StoredTokens | undefined; // the last pair known to be in the row
    const release = (broken: boolean) => {
      journal?.close();
      journal = undefined;
      client.done(broken);
    };
    const session: RefreshSession = {
      current,
      save: async (tokens) => {
        // Zalo's answer reaches the disk before anything else is awaited: a kill after this loses nothing.
        if (live && journal && journaled !== tokens) {
          try {
            journal.write({ alias, replaced: base ?? null, pair: tokens });
            journaled = tokens;
          } catch {
            // a full or read-only disk: the database write below is still the durable one
          }
        }
        if (live) {
          try {
            await client.query(`${upsertSql(client, alias, tokens)}; COMMIT; ${this.begin()}`);
            base = tokens.refresh_token;
            committed = tokens;
            return;
          } catch {
            live = false;
            release(true); // frees the lock for the retry below (on a fresh connection)
          }
        }
        await this.saveIfUnchanged(alias, base, tokens);
        base = tokens.refresh_token;
        committed = tokens;
      },
    };
    try {
      return await fn(session);
    } finally {
      if (live) {
        try {
          // Still under the lock: the journal is dropped once the row holds its pair.
          if (!journaled || committed === journaled) this.journal?.remove(alias);
          await unlock(client, alias);
        } catch {
          live = false;
        }
        release(!live);
      }
    }
  }

  close(): Promise<void> {
    return this.ownsPool ? this.pool.end() : Promise.resolve();
  }

  /**
   * Retry of a write that failed (the connection dropped): under the lock again, store the pair
   * unless the row moved on from the one the refresh started from. The first commit may have
   * landed after all (then the row already holds this pair). The journal is settled before the lock goes.
   */
  private saveIfUnchanged(alias: string, from: string | undefined, tokens: StoredTokens): Promise<void> {
    return withClient(this.pool, `storing the new tokens of OA "${alias}"`, async (c) => {
      let now = await this.lockAndRead(c, alias);
      if (!now || now.refresh_token === from || now.refresh_token === tokens.refresh_token) {
        await c.query(`${upsertSql(c, alias, tokens)}; COMMIT; ${this.begin()}`);
        now = tokens;
      }
      await this.settle(c, alias, now);
      await unlock(c, alias);
    });
  }

  /**
   * Under the lock: a journal left by a holder on this machine that died (or failed to write)
   * holds the only live pair while the row still holds the refresh token it replaced: store it.
   * Either way the journal goes once the row holds its pair or has moved past it.
   */
  private async settle(c: PoolClient, alias: string, row: StoredTokens | undefined): Promise<StoredTokens | undefined> {
    const entry: JournalEntry | null | undefined = this.journal?.read(alias);
    if (entry === undefined) return row;
    if (entry && (row?.refresh_token ?? null) === entry.replaced && row?.refresh_token !== entry.pair.refresh_token) {
      await c.query(`${upsertSql(c, alias, entry.pair)}; COMMIT; ${this.begin()}`);
      row = entry.pair;
    }
    this.journal!.remove(alias);
    return row;
  }

  /** BEGIN, take the OA's session lock (waiting at most lockWaitMs) and read its row: one round trip. */
  private async lockAndRead(c: PoolClient, alias: string): Promise<StoredTokens | undefined> {
    // Literals of ours (integers, an escaped alias): nothing else reaches the text.
    const results = (await c.query(`${this.begin()}; SELECT pg_advisory_lock(${refreshLock(alias)});
      SELECT ${COLUMNS} FROM zalo_tokens WHERE alias = ${c.escapeLiteral(alias)}`)) as unknown as Array<{ rows: Row[] }>;
    const row = results[results.length - 1]!.rows[0];
    return row ? toPair(row) : undefined;
  }

  /** A transaction with its limits; a hung holder (idle in it) loses its connection and so the lock. */
  private begin(): string {
    return `BEGIN; SET LOCAL lock_timeout = ${this.lockWaitMs}; SET LOCAL idle_in_transaction_session_timeout = ${this.idleHoldMs}`;
  }
}

/** The advisory lock key of an OA's refresh (session or transaction lock). */
const refreshLock = (alias: string) => lockKey(`refresh:${alias}`);

/** End the transaction and give the OA's session lock back. */
async function unlock(c: PoolClient, alias: string): Promise<void> {
  await c.query(`ROLLBACK; SELECT pg_advisory_unlock(${refreshLock(alias)})`);
}

async function read(c: PoolClient, alias: string): Promise<StoredTokens | undefined> {
  const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM zalo_tokens WHERE alias = $1`, [alias]);
  return rows[0] ? toPair(rows[0]) : undefined;
}

/** The whole pair in one statement, values as escaped literals so it can share a round trip with COMMIT. */
function upsertSql(c: PoolClient, alias: string, t: StoredTokens): string {
  const int = (n: number) => {
    if (!Number.isFinite(n)) throw new TypeError('a token time is not a number');
    return String(Math.round(n));
  };
  return `INSERT INTO zalo_tokens (alias, ${COLUMNS}) VALUES (${c.escapeLiteral(alias)}, ${c.escapeLiteral(t.access_token)}, ${c.escapeLiteral(t.refresh_token)},
      ${int(t.access_expires_at)}, ${int(t.updated_at)}, ${t.oa_id ? c.escapeLiteral(t.oa_id) : 'NULL'})
    ON CONFLICT (alias) DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
      access_expires_at = EXCLUDED.access_expires_at, updated_at = EXCLUDED.updated_at, oa_id = COALESCE(EXCLUDED.oa_id, zalo_tokens.oa_id)`;
}

function toPair(r: Row): StoredTokens {
  return {
    access_token: r.access_token,
    refresh_token: r.refresh_token,
    access_expires_at: Number(r.access_expires_at),
    updated_at: Number(r.updated_at),
    ...(r.oa_id ? { oa_id: r.oa_id } : {}),
  };
}
