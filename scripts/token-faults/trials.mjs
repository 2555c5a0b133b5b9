/**
 * Token fault trials against the built server code, from outside the process: a simulator (in
 * this process, so it survives every kill) whose refresh tokens are single-use, and child
 * processes (child.mjs) sharing one token file. Used by test/zalo/token-processes.test.ts (one
 * trial), scripts/token-faults.mjs (the long loops) and bench/refresh-storm.mjs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer, request } from 'node:http';
import { jsonChild } from '../lib/json-child.mjs';
import { performance } from 'node:perf_hooks';

const dist = new URL('../../dist/', import.meta.url);
const CHILD = new URL('child.mjs', import.meta.url).pathname;
const REFRESH = '/v4/oa/access_token';

const load = async () => ({
  ...(await import(new URL('sandbox/server.js', dist).href)),
  ...(await import(new URL('config.js', dist).href)),
  ...(await import(new URL('zalo/client.js', dist).href)),
});

/** A simulator and a token file holding a live pair (one refresh done by a first client). */
export async function setup() {
  const m = await load();
  const sim = await m.startSandbox();
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'zalo-token-trials-')), 'tokens.json');
  const client = () => new m.ZaloClient(m.withSandboxUrls(m.loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null }), sim.origin), { retryBaseMs: 5 });
  await client().tokenManager().accessToken();
  const grants = () => sim.calls(REFRESH).filter((r) => r.body.grant_type === 'refresh_token').length;
  const proxy = await answerClock(sim.origin);
  return { sim, tokenFile, client, grants, proxy, close: async () => { await proxy.close(); await sim.close(); rmSync(dirname(tokenFile), { recursive: true, force: true }); } };
}

/**
 * A pass-through proxy in front of the simulator that notes when each token answer was handed to
 * the kernel for the child (by refresh token): from then on the child holds the only copy of it.
 */
async function answerClock(target) {
  const clock = { answered: new Map(), origin: '', close: () => undefined };
  const server = createServer((req, res) => {
    const up = request(target + req.url, { method: req.method, headers: req.headers }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        res.writeHead(r.statusCode, r.headers);
        const body = Buffer.concat(chunks);
        res.end(body, () => {
          if (!req.url.endsWith(REFRESH)) return;
          try { clock.answered.set(JSON.parse(body.toString()).refresh_token, performance.now()); } catch { /* not a pair */ }
        });
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  clock.origin = `http://127.0.0.1:${server.address().port}`;
  clock.close = () => new Promise((r) => { server.closeAllConnections(); server.close(r); });
  return clock;
}

const child = (args) => jsonChild(CHILD, args, 'child');

/**
 * `procs` processes × `calls` concurrent reads; the simulator expires the access token
 * `expireAtMs` after "go", while the calls are spread over `spreadMs`.
 */
export async function stormTrial(env, { procs = 3, calls = 200, spreadMs = 150, expireAtMs = 50 } = {}) {
  const kids = Array.from({ length: procs }, () => child(['storm', env.tokenFile, env.sim.origin, String(calls), String(spreadMs)]));
  await Promise.all(kids.map((k) => k.waitFor('ready')));
  const before = env.grants();
  for (const k of kids) k.send('go');
  await new Promise((r) => setTimeout(r, expireAtMs));
  env.sim.expireTokens();
  const done = await Promise.all(kids.map((k) => k.waitFor('done')));
  await Promise.all(kids.map((k) => k.exited));
  return {
    refreshes: env.grants() - before,
    calls: procs * calls,
    failed: done.reduce((n, d) => n + d.failed, 0),
    errors: [...new Set(done.flatMap((d) => d.errors))],
  };
}

/**
 * A process refreshing in a loop on the token file is SIGKILLed `killAfterMs` after it is ready;
 * then a restarted client must still get a token (forcing a refresh with whatever the store
 * holds), and the file must parse and stay 0600. A kill that lands after the grant reached Zalo
 * and before its answer was captured is told apart: Zalo then holds a pair that no local copy has
 * (`inFlight`), which no client can survive (the refresh token is single-use); the restart must
 * then fail with Zalo's "invalid or has been used" and the OA needs `login` (the caller re-seeds).
 * The caller also checks that such a pair was lost on the wire or within moments of reaching the
 * child (`sinceAnswerMs`: capturing it takes one synchronous write), not while it was being stored.
 */
export async function killTrial(env, killAfterMs) {
  const kid = child(['loop', env.tokenFile, env.proxy.origin]);
  await kid.waitFor('ready');
  await new Promise((r) => setTimeout(r, killAfterMs));
  kid.proc.kill('SIGKILL');
  const killedAt = performance.now();
  await kid.exited;
  const read = (path) => { try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return undefined; } };
  const file = read(env.tokenFile);
  const journal = read(`${env.tokenFile}.shop.journal`);
  const live = env.sim.oa().refresh_token;
  const result = {
    heldLock: existsSync(`${env.tokenFile}.shop.lock`),
    journaled: !!journal?.refresh_token && journal.refresh_token !== file?.oas?.shop?.refresh_token,
    inFlight: live !== file?.oas?.shop?.refresh_token && live !== journal?.refresh_token,
    /** Lost pair only: how long before the kill its answer had been handed to the child (null: never). */
    sinceAnswerMs: null,
    corrupt: !file?.oas?.shop?.refresh_token,
    mode: statSync(env.tokenFile).mode & 0o777,
    lockedOut: false,
    error: undefined,
  };
  if (result.inFlight && env.proxy.answered.has(live)) result.sinceAnswerMs = Math.round((killedAt - env.proxy.answered.get(live)) * 10) / 10;
  try {
    const tm = env.client().tokenManager();
    await tm.replaceInvalid(await tm.accessToken()); // a restart that must refresh
  } catch (e) {
    result.lockedOut = true;
    result.error = e.message;
  }
  return result;
}
