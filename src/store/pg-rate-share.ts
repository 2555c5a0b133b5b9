/**
 * Zalo's rate limit is per app, but each replica paces its own calls (ZALO_RATE_PER_MINUTE). On a
 * shared database, replicas split the budget without a round trip per call: each one heartbeats
 * into zalo_replicas every `intervalMs` and takes 1/N of it, N being the replicas seen within
 * `liveMs` (itself included). A replica that stops cleanly deletes its row; one that dies drops out
 * of N after `liveMs`. While N changes (up to one interval) the sum may briefly exceed the budget;
 * Zalo's rate-limit answer is retried by the client as usual.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';

export interface RateShareOptions {
  intervalMs?: number;
  liveMs?: number;
}

const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export interface RateShare {
  readonly id: string;
  /** Replicas seen at the last heartbeat (1 until the first one answers). */
  readonly replicas: number;
  stop(): Promise<void>;
}

/** Beat once (awaited, so a replica starts with its share), then every `intervalMs`; `onShare(n)` on each change. */
export async function startRateShare(pool: Pool, onShare: (replicas: number) => void, options: RateShareOptions = {}): Promise<RateShare> {
  const intervalMs = options.intervalMs ?? 10_000;
  const liveMs = options.liveMs ?? Math.max(3 * intervalMs, 1_000);
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let replicas = 1;
  let stopped = false;
  const beat = async () => {
    try {
      // One statement: our beat, forgetting long-dead replicas, and the others seen lately.
      const { rows } = await pool.query(`WITH beat AS (
          INSERT INTO zalo_replicas (id, seen_at) VALUES ($1, ${NOW_MS}) ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at
        ), forget AS (DELETE FROM zalo_replicas WHERE seen_at < ${NOW_MS} - $2::bigint * 10)
        SELECT count(*)::int AS n FROM zalo_replicas WHERE id <> $1 AND seen_at >= ${NOW_MS} - $2::bigint`, [id, liveMs]);
      const n = 1 + (rows[0]?.n ?? 0);
      if (n !== replicas && !stopped) {
        replicas = n;
        onShare(n);
      }
    } catch {
      // The database is away: keep the last share until it answers again.
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    id,
    get replicas() {
      return replicas;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pool.query('DELETE FROM zalo_replicas WHERE id = $1', [id]).catch(() => undefined);
    },
  };
}
