#!/usr/bin/env node
/**
 * The PostgreSQL replica fault loops (CI runs this beside `npm test`; needs `npm run build`), on a
 * real PostgreSQL started here: storms of 3 replicas × 300 concurrent calls across an access-token
 * expiry (exactly one refresh request, no failed call, the live pair stored), replicas SIGKILLed
 * while holding the refresh lock (another completes the refresh, newest pair stored), and database
 * restarts mid-burst (retryable errors only, then full success), and replicas SIGKILLed at random
 * moments of a refresh loop and restarted on the same token folder (the row stays a whole pair; a
 * pair in the row or the local journal is never lost; only Zalo's answer dying on the wire is).
 * One JSON line per trial; exits 1 on a violation.
 */
import { startPostgres } from './pg-faults/postgres.mjs';
import { killHolderTrial, randomKillTrial, restartTrial, setup, stormTrial } from './pg-faults/trials.mjs';

const STORMS = Number(process.env.PG_FAULTS_STORMS ?? 10);
const KILLS = Number(process.env.PG_FAULTS_KILLS ?? 10);
const RESTARTS = Number(process.env.PG_FAULTS_RESTARTS ?? 3);
const RANDOM_KILLS = Number(process.env.PG_FAULTS_RANDOM_KILLS ?? 40);
/**
 * A replica journals Zalo's answer with one synchronous write right after reading it; this bound
 * allows for a loaded 2-core CI machine that deschedules it, and still catches a pair held through
 * database round trips before it is written anywhere.
 */
const LATE_MS = 250;
const problems = [];
let onWire = 0;
let beforeJournal = 0;
let journaled = 0;
let latestLoss = 0;
const started = Date.now();
const db = await startPostgres();
const trial = async (name, run, check) => {
  const env = await setup(db);
  const t0 = Date.now();
  try {
    const r = await run(env);
    console.log(JSON.stringify({ trial: name, ms: Date.now() - t0, ...r }));
    const bad = check(r);
    if (bad) problems.push(`${name}: ${bad} ${JSON.stringify(r).slice(0, 400)}`);
  } finally {
    await env.close();
  }
};
try {
  for (let i = 1; i <= STORMS; i++) {
    await trial(`storm ${i}/${STORMS}`, (env) => stormTrial(env), (r) => (r.refreshes !== 1 || r.failed || !r.storedIsLive) && 'storm violated');
  }
  for (let i = 1; i <= KILLS; i++) {
    await trial(`kill holder ${i}/${KILLS}`, (env) => killHolderTrial(env), (r) => (r.refreshes !== 1 || r.failed || !r.storedIsLive || r.signal !== 'SIGKILL') && 'kill violated');
  }
  for (let i = 1; i <= RESTARTS; i++) {
    await trial(`restart ${i}/${RESTARTS}`, (env) => restartTrial(env), (r) =>
      (r.after.failed || !r.during.retryable || r.refreshes !== 1 || !r.storedIsLive ||
        r.during.errors.some((e) => !/^The database is unavailable while .*: call again shortly$/.test(e) || e.includes(db.password))) && 'restart violated');
  }
  // SIGKILL at random moments of a refresh loop, then a restart on the same token folder: the row
  // is always whole; a pair that reached the row or the journal is never lost; only a kill while
  // Zalo's answer was on the wire (or in the instants before the journal write) loses it.
  let env = await setup(db);
  try {
    for (let i = 1; i <= RANDOM_KILLS; i++) {
      const r = await randomKillTrial(env, Math.random() * 120);
      console.log(JSON.stringify({ trial: `random kill ${i}/${RANDOM_KILLS}`, ...r }));
      if (!r.whole) problems.push(`random kill ${i}: the row is not a pair the simulator issued`);
      if (r.journaled) journaled++;
      if (r.lost) {
        if (r.sinceAnswerMs === null) onWire++;
        else {
          beforeJournal++;
          latestLoss = Math.max(latestLoss, r.sinceAnswerMs);
          if (r.sinceAnswerMs > LATE_MS) problems.push(`random kill ${i}: the replica held Zalo's answer ${r.sinceAnswerMs} ms without journaling it`);
        }
        if (!/invalid or has been used/.test(r.error ?? '')) problems.push(`random kill ${i}: answer lost in flight, yet ${r.error ?? 'the restart succeeded'}`);
        await env.close();
        env = await setup(db);
      } else if (r.lockedOut) problems.push(`random kill ${i}: locked out though the live pair was ${r.journaled ? 'journaled' : 'stored'}: ${r.error}`);
      else if (r.journalsLeft) problems.push(`random kill ${i}: ${r.journalsLeft} journal(s) left after the restart refreshed`);
    }
  } finally {
    await env.close();
  }
} finally {
  await db.close();
}
console.log(JSON.stringify({ storms: STORMS, kills_holding_lock: KILLS, restarts: RESTARTS, random_kills: RANDOM_KILLS, killed_with_answer_on_the_wire: onWire, killed_after_answer_before_journal: beforeJournal, latest_loss_ms_after_answer: latestLoss, killed_with_pair_only_in_journal: journaled, problems: problems.length, seconds: Math.round((Date.now() - started) / 1000) }));
if (problems.length) {
  for (const p of problems) console.error(`pg-faults: ${p}`);
  console.error('pg-faults: FAILED');
  process.exit(1);
}
