/**
 * One process of the token fault trials (trials.mjs): the built client over a shared token file
 * against a simulator that runs in the parent. Talks JSON lines on stdout, takes commands on stdin.
 *   storm: one call to warm up, then on "go" `calls` concurrent reads spread over `spread` ms.
 *   loop:  forces refresh after refresh until "stop" (the parent SIGKILLs it at a random moment).
 */
import { next, out, refreshUntilStopped } from '../lib/child-side.mjs';

const [mode, tokenFile, origin, calls = '200', spread = '150'] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { loadConfig, withSandboxUrls } = await import(new URL('config.js', dist).href);
const { ZaloClient } = await import(new URL('zalo/client.js', dist).href);
const { createLogger } = await import(new URL('log.js', dist).href);

const config = withSandboxUrls(loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null }), origin);
const client = new ZaloClient(config, { retryBaseMs: 5, log: createLogger('error') });
const tokens = client.tokenManager();
const getoa = () => client.request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa' });

if (mode === 'storm') {
  await getoa();
  out({ ready: true });
  await next();
  const results = await Promise.allSettled(
    Array.from({ length: Number(calls) }, () => new Promise((r) => setTimeout(r, Math.random() * Number(spread))).then(getoa)),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  out({ done: true, ok: results.length - failed.length, failed: failed.length, errors: [...new Set(failed.map((r) => r.reason.message))].slice(0, 3), grants: tokens.refreshCount });
} else if (mode === 'loop') {
  await tokens.replaceInvalid(await tokens.accessToken()); // warm: the kill must find the loop at speed
  const { rounds, errors } = await refreshUntilStopped(tokens);
  out({ done: true, rounds, grants: tokens.refreshCount, errors });
}
process.exit(0);
