/**
 * One replica of the PostgreSQL trials (trials.mjs): the built client with its token store chosen
 * by ZALO_DATABASE_URL, against a simulator in the parent. JSON lines on stdout, commands on stdin.
 *   storm: one warm-up call, then on "go" `calls` reads spread over `spread` ms; reports and, on
 *          "again", runs the same burst once more (after a database restart).
 *   once:  on "go" one call that needs a refresh (the parent SIGKILLs it while it holds the lock).
 *   loop:  forces refresh after refresh until "stop" (the parent SIGKILLs it at a random moment).
 *   open:  opens the store (rolling this folder's journals forward), reports, waits for "exit".
 *   restart: the killed loop replica started again on the same token folder (ZALO_TOKEN_FILE, where
 *          the refresh journal lives): opening the store rolls a journal forward; then one forced refresh.
 */
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { next, out, refreshUntilStopped } from '../lib/child-side.mjs';

const [mode, databaseUrl, origin, calls = '300', spread = '150'] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { loadConfig, withSandboxUrls } = await import(new URL('config.js', dist).href);
const { ZaloClient } = await import(new URL('zalo/client.js', dist).href);
const { PgTokenStore } = await import(new URL('store/pg-tokens.js', dist).href);
const { createLogger } = await import(new URL('log.js', dist).href);

const tokenFile = process.env.ZALO_TOKEN_FILE ? { ZALO_TOKEN_FILE: process.env.ZALO_TOKEN_FILE } : {};
const config = withSandboxUrls(loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_DATABASE_URL: databaseUrl, ...tokenFile }, dotenvPath: null }), origin);
// As the runtime does: the refresh journal beside the token file.
const store = await PgTokenStore.open(config.databaseUrl, { journalDir: dirname(config.tokenFile) });
const client = new ZaloClient(config, { store, retryBaseMs: 5, log: createLogger('error') });
const tokens = client.tokenManager();
const getoa = () => client.request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa' });

async function burst() {
  const ms = [];
  const timed = async () => {
    const t0 = performance.now();
    try {
      return await getoa();
    } finally {
      ms.push(performance.now() - t0);
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Number(calls) }, () => new Promise((r) => setTimeout(r, Math.random() * Number(spread))).then(timed)),
  );
  ms.sort((a, b) => a - b);
  const failed = results.filter((r) => r.status === 'rejected');
  const errors = [...new Set(failed.map((r) => `${r.reason.message}${r.reason.stack?.includes('\n    at ') && !r.reason.message ? ' [stack]' : ''}`))].slice(0, 5);
  return { ok: results.length - failed.length, failed: failed.length, errors, retryable: failed.every((r) => r.reason.retryable === true), grants: tokens.refreshCount,
    p50Ms: ms[Math.floor(ms.length * 0.5)], p99Ms: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] };
}

if (mode === 'storm') {
  await getoa();
  out({ ready: true });
  await next();
  out({ done: true, ...(await burst()) });
  if ((await next()) === 'again') out({ again: true, ...(await burst()) });
} else if (mode === 'once') {
  await tokens.accessToken();
  out({ ready: true });
  await next();
  try {
    await getoa();
    out({ done: true });
  } catch (e) {
    out({ done: true, error: e.message });
  }
} else if (mode === 'loop') {
  await tokens.accessToken();
  const { rounds, errors } = await refreshUntilStopped(tokens);
  out({ done: true, rounds, errors });
} else if (mode === 'open') {
  out({ ready: true });
  await next();
} else if (mode === 'restart') {
  try {
    await tokens.replaceInvalid(await tokens.accessToken());
    out({ done: true, grants: tokens.refreshCount });
  } catch (e) {
    out({ done: true, grants: tokens.refreshCount, error: e.message });
  }
}
await store.close();
process.exit(0);
