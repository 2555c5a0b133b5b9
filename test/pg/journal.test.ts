/**
 * The local refresh journal of the PostgreSQL token store, from outside the process: a replica is
 * SIGKILLed after Zalo answered and it journaled the pair, before its write committed (held on a
 * row lock, then its connection cut). Another replica on the same token folder must roll the pair
 * forward, never spending the dead replica's (already spent) refresh token. The random-kill loop
 * is `node scripts/pg-faults.mjs`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import { journalTrial, setup, type Db, type PgTrialEnv } from '../../scripts/pg-faults/trials.mjs';

describe('refresh journal of replicas on one machine', () => {
  let db: Db;
  let env: PgTrialEnv | undefined;
  beforeAll(async () => { db = await startPostgres(); }, 60_000);
  afterAll(async () => { await env?.close(); await db?.close(); }, 30_000);
  const fresh = async () => { await env?.close(); env = await setup(db); return env; };

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
