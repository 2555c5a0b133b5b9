/**
 * Token trials for several replicas on one PostgreSQL, from outside the process: a simulator in
 * this process (single-use refresh tokens; it survives every kill), a real PostgreSQL, and child
 * replicas (replica.mjs) on the built code. Used by test/pg/replicas.test.ts (one trial each),
 * scripts/pg-faults.mjs (the loops CI runs) and bench/refresh-storm-pg.mjs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jsonChild } from '../lib/json-child.mjs';

const dist = new URL('../../dist/', import.meta.url);
const REPLICA = new URL('replica.mjs', import.meta.url).pathname;
const REFRESH = '/v4/oa/access_token';

/** A fresh simulator and an empty token table, then one refresh so the database holds a live pair. */
export async function setup(db) {
  const { startSandbox } = await import(new URL('sandbox/server.js', dist).href);
  const { loadConfig, withSandboxUrls } = await import(new URL('config.js', dist).href);
  const { ZaloClient } = await import(new URL('zalo/client.js', dist).href);
  const { PgTokenStore } = await import(new URL('store/pg-tokens.js', dist).href);
  const sim = await startSandbox();
  // The token folder of "one machine": replicas started on it share its refresh journal.
  const tokenDir = mkdtempSync(join(tmpdir(), 'zalo-pg-trial-'));
  const env = { ZALO_SANDBOX: '1', ZALO_DATABASE_URL: db.url, ZALO_TOKEN_FILE: join(tokenDir, 'parent-tokens.json') };
  const store = await PgTokenStore.open(db.url);
  await store.pool.query('DELETE FROM zalo_tokens');
  const config = withSandboxUrls(loadConfig({ env, dotenvPath: null }), sim.origin);
  await new ZaloClient(config, { store, retryBaseMs: 5 }).tokenManager().accessToken();
  const grants = () => sim.calls(REFRESH).filter((r) => r.body.grant_type === 'refresh_token').length;
  const proxy = await holdingProxy(sim.origin);
  const client = () => new ZaloClient(withSandboxUrls(loadConfig({ env, dotenvPath: null }), sim.origin), { store, retryBaseMs: 5 });
  return {
    db, sim, store, grants, proxy, client, tokenDir,
    stored: async () => (await store.load('shop'))?.refresh_token,
    close: async () => { await proxy.close(); await store.close(); await sim.close(); rmSync(tokenDir, { recursive: true, force: true }); },
  };
}

/**
 * A pass-through proxy that, while `hold` is set, keeps refresh requests and never forwards them;
 * it notes when each refresh answer was written for the replica (by refresh token).
 */
async function holdingProxy(target) {
  const proxy = { hold: false, held: [], answered: new Map(), origin: '', onHeld: () => undefined, close: () => undefined };
  const server = createServer((req, res) => {
    if (proxy.hold && req.url.endsWith(REFRESH)) {
      proxy.held.push(res);
      proxy.onHeld();
      return;
    }
    const up = request(target + req.url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      if (!req.url.endsWith(REFRESH)) return void r.pipe(res);
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        const body = Buffer.concat(chunks);
        // Noted as the answer is written to the socket (synchronously, into the kernel's buffer).
        try { proxy.answered.set(JSON.parse(body.toString()).refresh_token, performance.now()); } catch { /* not a pair */ }
        res.end(body);
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  proxy.origin = `http://127.0.0.1:${server.address().port}`;
  proxy.close = () => new Promise((r) => { server.closeAllConnections(); server.close(r); });
  return proxy;
}

/** A replica process on the trial's machine: its token folder (the refresh journal) is env.tokenDir. */
const replica = (env, args) => jsonChild(REPLICA, args, 'replica', { ZALO_TOKEN_FILE: join(env.tokenDir, 'tokens.json') });

const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);

/** `procs` replicas × `calls` concurrent reads; the simulator expires the access token `expireAtMs` after "go" (null: never). */
export async function stormTrial(env, { procs = 3, calls = 300, spreadMs = 150, expireAtMs = 50 } = {}) {
  const kids = Array.from({ length: procs }, () => replica(env, ['storm', env.db.url, env.sim.origin, String(calls), String(spreadMs)]));
  await Promise.all(kids.map((k) => k.waitFor('ready')));
  const before = env.grants();
  for (const k of kids) k.send('go');
  if (expireAtMs !== null) {
    await new Promise((r) => setTimeout(r, expireAtMs));
    env.sim.expireTokens();
  }
  const done = await Promise.all(kids.map((k) => k.waitFor('done')));
  for (const k of kids) k.send('exit');
  await Promise.all(kids.map((k) => k.exited));
  return {
    refreshes: env.grants() - before, calls: procs * calls, failed: sum(done, 'failed'),
    errors: [...new Set(done.flatMap((d) => d.errors))],
    storedIsLive: (await env.stored()) === env.sim.oa().refresh_token,
    p50Ms: Math.max(...done.map((d) => d.p50Ms)), p99Ms: Math.max(...done.map((d) => d.p99Ms)),
  };
}

/**
 * Replica A sends the refresh grant while holding the lock; the proxy keeps the grant from Zalo and
 * A is SIGKILLed. Then B, needing a refresh too, must get the lock, spend the (unspent) refresh
 * token once, and commit the pair the simulator issued.
 */
export async function killHolderTrial(env, { calls = 100 } = {}) {
  const a = replica(env, ['once', env.db.url, env.proxy.origin]);
  const b = replica(env, ['storm', env.db.url, env.proxy.origin, String(calls), '100']);
  await Promise.all([a.waitFor('ready'), b.waitFor('ready')]);
  const before = env.grants();
  env.sim.expireTokens();
  env.proxy.hold = true;
  const held = new Promise((r) => { env.proxy.onHeld = r; });
  a.send('go');
  await held;
  // A holds the lock now: its grant is waiting in the proxy. B's calls queue behind the lock.
  const lockHeld = (await env.store.pool.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n;
  b.send('go');
  await new Promise((r) => setTimeout(r, 50));
  env.proxy.hold = false; // B can only send its grant once A's lock is gone
  a.proc.kill('SIGKILL');
  const killed = await a.exited;
  for (const res of env.proxy.held.splice(0)) res.destroy(); // the grant never reached Zalo
  const done = await b.waitFor('done');
  b.send('exit');
  await b.exited;
  return {
    lockHeld, signal: killed.signal, refreshes: env.grants() - before, failed: done.failed, errors: done.errors,
    storedIsLive: (await env.stored()) === env.sim.oa().refresh_token,
  };
}

/**
 * 3 replicas × `calls` reads over `spreadMs`; PostgreSQL stops `stopAtMs` after "go" and the access
 * token expires then, so calls need the database; it starts again `downMs` later. Calls during the
 * outage must fail retryably with a clear message; a second burst afterwards must fully succeed.
 */
export async function restartTrial(env, { procs = 3, calls = 300, spreadMs = 1500, stopAtMs = 200, downMs = 1500 } = {}) {
  const kids = Array.from({ length: procs }, () => replica(env, ['storm', env.db.url, env.sim.origin, String(calls), String(spreadMs)]));
  await Promise.all(kids.map((k) => k.waitFor('ready')));
  const before = env.grants();
  for (const k of kids) k.send('go');
  await new Promise((r) => setTimeout(r, stopAtMs));
  await env.db.stop();
  env.sim.expireTokens();
  await new Promise((r) => setTimeout(r, downMs));
  await env.db.start();
  const during = await Promise.all(kids.map((k) => k.waitFor('done')));
  for (const k of kids) k.send('again');
  const after = await Promise.all(kids.map((k) => k.waitFor('again')));
  await Promise.all(kids.map((k) => k.exited));
  return {
    during: { failed: sum(during, 'failed'), ok: sum(during, 'ok'), errors: [...new Set(during.flatMap((d) => d.errors))], retryable: during.every((d) => d.retryable) },
    after: { failed: sum(after, 'failed'), ok: sum(after, 'ok'), errors: [...new Set(after.flatMap((d) => d.errors))] },
    refreshes: env.grants() - before,
    storedIsLive: (await env.stored()) === env.sim.oa().refresh_token,
  };
}

/**
 * A replica refreshing in a loop (through the proxy, which clocks Zalo's answers) is SIGKILLed
 * `killAfterMs` after it is ready, then started again on the same token folder, where opening the
 * store rolls a journal forward, and made to refresh. The row must be whole (a pair the simulator
 * issued). Where the live pair is:
 *   - in the row, or only in the journal (`journaled`: killed between the journal write and the
 *     commit): the restart must succeed;
 *   - nowhere (`lost`): the kill landed while Zalo's answer was on the wire (`sinceAnswerMs` null:
 *     not yet handed to the replica) or in the moments before the journal write (`sinceAnswerMs`
 *     ≥ 0); no client survives that, so the restart must fail with Zalo's "invalid or has been
 *     used" and the OA needs `login` (the caller re-seeds).
 */
export async function randomKillTrial(env, killAfterMs) {
  const tokenFile = { ZALO_TOKEN_FILE: join(env.tokenDir, 'tokens.json') };
  const kid = jsonChild(REPLICA, ['loop', env.db.url, env.proxy.origin], 'replica', tokenFile);
  await kid.waitFor('ready');
  await new Promise((r) => setTimeout(r, killAfterMs));
  kid.proc.kill('SIGKILL');
  const killedAt = performance.now();
  await kid.exited;
  // A COMMIT already sent may still land: judge once the dead replica's transaction has ended.
  while ((await env.store.pool.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n > 0) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const row = await env.store.load('shop');
  const live = env.sim.oa().refresh_token;
  const journals = readdirSync(env.tokenDir).filter((n) => n.endsWith('.journal'));
  const inJournal = journals.some((n) => { try { return readFileSync(join(env.tokenDir, n), 'utf8').includes(`"${live}"`); } catch { return false; } });
  const answeredAt = env.proxy.answered.get(live);
  const result = {
    whole: !!row?.refresh_token && !!row.access_token && env.sim.state.accessTokens.has(row.access_token),
    journaled: row?.refresh_token !== live && inJournal,
    lost: row?.refresh_token !== live && !inJournal,
    sinceAnswerMs: row?.refresh_token !== live && !inJournal && answeredAt !== undefined && answeredAt <= killedAt ? Math.round((killedAt - answeredAt) * 10) / 10 : null,
    lockedOut: false,
    error: undefined,
  };
  const again = jsonChild(REPLICA, ['restart', env.db.url, env.sim.origin], 'replica', tokenFile);
  const done = await again.waitFor('done');
  await again.exited;
  if (done.error) {
    result.lockedOut = true;
    result.error = done.error;
  }
  result.journalsLeft = readdirSync(env.tokenDir).filter((n) => n.endsWith('.journal')).length;
  return result;
}

/**
 * Replica A is SIGKILLed after Zalo answered its refresh and it journaled the pair, while its write
 * waits on a row lock held here (so it has not committed); its backend is then terminated, so the
 * write never lands. The pair must not be lost: `via: 'holder'` — replica B, already running on
 * the same folder, needs a refresh next and must roll the journal forward instead of spending the
 * spent token; `via: 'start'` — a replica started on the folder rolls it forward while opening.
 */
export async function journalTrial(env, { via = 'holder', calls = 20 } = {}) {
  const folder = { ZALO_TOKEN_FILE: join(env.tokenDir, 'tokens.json') };
  const a = jsonChild(REPLICA, ['once', env.db.url, env.sim.origin], 'replica A', folder);
  const b = via === 'holder' ? jsonChild(REPLICA, ['storm', env.db.url, env.sim.origin, String(calls), '50'], 'replica B', folder) : undefined;
  await Promise.all([a.waitFor('ready'), b?.waitFor('ready')]);
  const before = env.grants();
  const old = await env.stored();
  const admin = await env.store.pool.connect();
  const journals = () => readdirSync(env.tokenDir).filter((n) => n.endsWith('.journal'));
  try {
    await admin.query('BEGIN');
    await admin.query("SELECT 1 FROM zalo_tokens WHERE alias = 'shop' FOR UPDATE");
    env.sim.expireTokens();
    a.send('go');
    const live = () => env.sim.oa().refresh_token;
    const t0 = Date.now();
    while (!(live() !== old && journals().some((n) => readFileSync(join(env.tokenDir, n), 'utf8').includes(`"${live()}"`)))) {
      if (Date.now() - t0 > 10_000) throw new Error('replica A never journaled a new pair');
      await new Promise((r) => setTimeout(r, 5));
    }
    a.proc.kill('SIGKILL');
    const killed = await a.exited;
    // The write A sent must never land (a connection cut before it reached the server).
    const cut = await admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()");
    await admin.query('ROLLBACK');
    while ((await env.store.pool.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n > 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const afterKill = { rowIsOld: (await env.stored()) === old, journaled: journals().length };
    let done;
    if (b) {
      b.send('go');
      done = await b.waitFor('done');
      b.send('exit');
      await b.exited;
    } else {
      const c = jsonChild(REPLICA, ['open', env.db.url, env.sim.origin], 'replica C', folder);
      await c.waitFor('ready');
      done = { failed: 0, errors: [], rolledAtStart: (await env.stored()) === live() };
      c.send('exit');
      await c.exited;
    }
    return {
      signal: killed.signal, terminated: cut.rows.length, ...afterKill, failed: done.failed, errors: done.errors,
      rolledAtStart: done.rolledAtStart, refreshes: env.grants() - before,
      storedIsLive: (await env.stored()) === live(), journalsLeft: journals().length,
    };
  } finally {
    admin.release(true);
  }
}
