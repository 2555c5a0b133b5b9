/**
 * Token pairs in PostgreSQL, shared by every replica on the database. A refresh of one OA runs in a
 * transaction holding pg_advisory_xact_lock for that OA: the holder re-reads the pair (another
 * replica may have rotated it), and the new pair is written with one UPDATE and committed before
 * the TokenManager hands its access token out. A replica that dies or loses its connection while
 * holding the lock leaves the old row intact (PostgreSQL rolls the transaction back and frees the lock).
 */
import type { Pool, PoolClient } from 'pg';
import type { RefreshSession, StoredTokens, TokenStore } from '../zalo/token-store.js';
import { checkout, dbError, lockKey, openPgPool, withClient, type PgPoolOptions } from './pg-pool.js';

export interface PgTokenStoreOptions {
  /** How long a refresh waits for another replica's lock before a retryable error (default 30 s). */
  lockWaitMs?: number;
  /** A lock holder idle this long in its transaction (a hung replica) loses it (default 60 s). */
  idleHoldMs?: number;
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

  constructor(readonly pool: Pool, options: PgTokenStoreOptions = {}, private readonly ownsPool = false) {
    this.lockWaitMs = Math.round(options.lockWaitMs ?? 30_000);
    this.idleHoldMs = Math.round(options.idleHoldMs ?? 60_000);
  }

  /** Connect to `url` (migrating it) and own the pool: close() ends it. */
  static async open(url: string, options: PgTokenStoreOptions & PgPoolOptions = {}): Promise<PgTokenStore> {
    return new PgTokenStore(await openPgPool(url, options), options, true);
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
      await this.lock(c, alias);
      await upsert(c, alias, tokens);
      await c.query('COMMIT');
    });
  }

  /**
   * `fn` runs inside the locked transaction; save() writes the pair with one statement in it and the
   * transaction commits when `fn` settles, before its result (the access token) is handed out. A
   * write or commit that fails is retried on a fresh connection under the lock (saveIfUnchanged).
   */
  async withRefreshLock<T>(alias: string, fn: (session: RefreshSession) => Promise<T>): Promise<T> {
    const what = `refreshing the tokens of OA "${alias}"`;
    const client = await checkout(this.pool, what);
    let current: StoredTokens | undefined;
    try {
      await this.lock(client, alias);
      current = await read(client, alias);
    } catch (e) {
      client.done(true);
      throw dbError(e, what);
    }
    let live = true; // the locked transaction is usable
    let base = current?.refresh_token; // the refresh token the row holds as far as we know
    let pending: StoredTokens | undefined; // written in the transaction, not committed yet
    const durably = async (tokens: StoredTokens) => {
      await this.saveIfUnchanged(alias, base, tokens);
      base = tokens.refresh_token;
    };
    const session: RefreshSession = {
      current,
      save: async (tokens) => {
        if (live) {
          try {
            await upsert(client, alias, tokens);
            pending = tokens;
            return;
          } catch {
            live = false;
          }
        }
        pending = undefined;
        await durably(tokens);
      },
    };
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await fn(session) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      if (live) {
        try {
          await client.query(pending ? 'COMMIT' : 'ROLLBACK'); // a pair Zalo issued is kept even if fn failed afterwards
          if (pending) base = pending.refresh_token;
          pending = undefined;
        } catch {
          live = false;
        }
      }
      client.done(!live);
    }
    // The commit failed: the pair is the only live one, so store it before handing the token out.
    for (let attempt = 1; pending; attempt++) {
      try {
        await durably(pending);
        pending = undefined;
      } catch (e) {
        if (attempt >= 3) throw dbError(e, `storing the new tokens of OA "${alias}"`);
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  close(): Promise<void> {
    return this.ownsPool ? this.pool.end() : Promise.resolve();
  }

  /**
   * Retry of a write whose commit failed (the connection dropped): under the lock again, store the
   * pair unless the row moved on from the one the refresh started from. The first commit may have
   * landed after all (then the row already holds this pair).
   */
  private saveIfUnchanged(alias: string, from: string | undefined, tokens: StoredTokens): Promise<void> {
    return withClient(this.pool, `storing the new tokens of OA "${alias}"`, async (c) => {
      await this.lock(c, alias);
      const now = await read(c, alias);
      if (!now || now.refresh_token === from || now.refresh_token === tokens.refresh_token) await upsert(c, alias, tokens);
      await c.query('COMMIT');
    });
  }

  /** BEGIN and take the OA's transaction lock, waiting at most lockWaitMs. */
  private async lock(c: PoolClient, alias: string): Promise<void> {
    // One round trip for the transaction and its limits (integers of ours, no value from outside).
    await c.query(`BEGIN; SET LOCAL lock_timeout = ${this.lockWaitMs}; SET LOCAL idle_in_transaction_session_timeout = ${this.idleHoldMs}`);
    await c.query('SELECT pg_advisory_xact_lock($1)', [lockKey(`refresh:${alias}`)]);
  }
}

async function read(c: PoolClient, alias: string): Promise<StoredTokens | undefined> {
  const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM zalo_tokens WHERE alias = $1`, [alias]);
  return rows[0] ? toPair(rows[0]) : undefined;
}

/** The whole pair in one statement: a dropped connection leaves the old row or the new one. */
async function upsert(c: PoolClient, alias: string, t: StoredTokens): Promise<void> {
  await c.query(
    `INSERT INTO zalo_tokens (alias, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (alias) DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
       access_expires_at = EXCLUDED.access_expires_at, updated_at = EXCLUDED.updated_at, oa_id = COALESCE(EXCLUDED.oa_id, zalo_tokens.oa_id)`,
    [alias, t.access_token, t.refresh_token, Math.round(t.access_expires_at), Math.round(t.updated_at), t.oa_id ?? null],
  );
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
