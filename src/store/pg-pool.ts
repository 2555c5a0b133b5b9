/**
 * The PostgreSQL connection shared by the database stores (several replicas on one database):
 * a small pool, versioned migrations run once under a session advisory lock, and one mapping of
 * database failures to errors a caller can act on. `pg` is imported only when ZALO_DATABASE_URL is set.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ZaloError } from '../zalo/errors.js';
import { PG_MIGRATIONS } from './pg-migrations.js';

export interface PgPoolOptions {
  /**
   * Connections per pool (default 6). A replica keeps one pool for tokens and store: a refresh holds
   * one while Zalo answers, a followers_sync lease one for its run, reads and writes share the rest.
   */
  max?: number;
  connectTimeoutMs?: number;
}

/** A signed 64-bit advisory lock key for a name, as the decimal string `pg` passes as bigint. */
export function lockKey(name: string): string {
  return createHash('sha256').update(`zalo-oa-mcp:${name}`).digest().readBigInt64BE(0).toString();
}

/** Open a pool on `url` (sslmode and other options pass through to pg) and bring the schema up to date. */
export async function openPgPool(url: string, options: PgPoolOptions = {}): Promise<Pool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 6,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // A replica that vanishes without closing its socket must not hold a refresh lock for long.
    keepAlive: true,
    application_name: 'zalo-oa-mcp',
  });
  // An idle connection dropped by a database restart is replaced on the next checkout; without a
  // listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw dbError(e, 'migrating the database');
  }
  return pool;
}

/** Apply missing migrations; replicas starting together wait on one session lock, so each runs once. */
async function migrate(pool: Pool): Promise<void> {
  const client = await checkout(pool, 'migrating the database');
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockKey('migrations')]);
    await client.query('CREATE TABLE IF NOT EXISTS zalo_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM zalo_schema_migrations')).rows.map((r) => r.version));
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO zalo_schema_migrations (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    await client.query('SELECT pg_advisory_unlock($1)', [lockKey('migrations')]);
  } catch (e) {
    broken = true;
    throw e;
  } finally {
    // A broken connection (or one still holding the lock) is closed, which releases the lock.
    client.done(broken);
  }
}

const ignore = () => undefined;

/**
 * Check a connection out. While it is out, a connection error between queries (the server
 * restarting) surfaces at the next query instead of as an 'error' event that would end the process.
 */
export async function checkout(pool: Pool, what: string): Promise<PoolClient & { done(broken: boolean): void }> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw dbError(e, what);
  }
  client.on('error', ignore);
  return Object.assign(client, {
    done(broken: boolean) {
      client.off('error', ignore);
      client.release(broken);
    },
  });
}

/** Run `fn` on one connection; a connection that failed mid-way is discarded, not reused. */
export async function withClient<T>(pool: Pool, what: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await checkout(pool, what);
  let broken = false;
  try {
    return await fn(client);
  } catch (e) {
    broken = true;
    throw dbError(e, what);
  } finally {
    client.done(broken);
  }
}

const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '53300', '55P03', '57P01', '57P02', '57P03', '40001', '40P01']);

/**
 * A database failure as a ZaloError: the message names what was being done and the error's code,
 * never the URL, a query or a value (they may hold secrets); connection trouble is retryable.
 */
export function dbError(e: unknown, what: string): ZaloError {
  if (e instanceof ZaloError) return e;
  const err = e as { code?: string; message?: string };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const lost = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i.test(err?.message ?? '');
  if ((code && (RETRYABLE_CODES.has(code) || code.startsWith('08'))) || lost) {
    return new ZaloError(`The database is unavailable while ${what} (${code ?? 'connection lost'}): call again shortly`, {
      kind: 'unavailable',
      retryable: true,
      hint: 'PostgreSQL (ZALO_DATABASE_URL) could not be reached or is restarting: retry in a few seconds.',
    });
  }
  return new ZaloError(`The database failed while ${what}${code ? ` (${code})` : ''}`, {
    kind: 'unavailable',
    hint: 'Check ZALO_DATABASE_URL (user, password, database, sslmode) and the PostgreSQL server log.',
  });
}
