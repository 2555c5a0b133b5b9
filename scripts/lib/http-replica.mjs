/**
 * Replica processes of the built server for the PostgreSQL tests and benches: `dist/index.js
 * --http` on a free port, in real mode against a simulator reached by URL (one Zalo for every
 * replica, so their token pairs in the database are valid for all), the store and the tokens in
 * ZALO_DATABASE_URL, webhooks verified with a known OA secret key. Webhooks are signed here from
 * Zalo's documented formula (ZALO_API.md §13), never with the server's own code.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

const BIN = new URL('../../dist/index.js', import.meta.url).pathname;
export const REPLICA_WEBHOOK_SECRET = 'replica-oa-secret-key-7f3a2c';
export const REPLICA_HTTP_TOKEN = 'replica-http-token-0123456789abcdef';

/** `X-ZEvent-Signature`: sha256 of app_id + raw body + timestamp + OA secret key, hex. */
export function zaloSignature(appId, raw, timestamp, key = REPLICA_WEBHOOK_SECRET) {
  return `mac=${createHash('sha256').update(appId).update(raw).update(timestamp).update(key).digest('hex')}`;
}

/**
 * Start one replica; resolves once it listens. `account` is a simulator app (alias, appId,
 * appSecret, refreshToken), `urls` the simulator's {openapi, oauth, zns}, `home` its own folder.
 */
export async function startHttpReplica({ databaseUrl, account, urls, home, env = {} }) {
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0'], {
    cwd: home,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, ZALO_LOG_LEVEL: 'info',
      ZALO_APP_ID: account.appId, ZALO_APP_SECRET: account.appSecret, ZALO_REFRESH_TOKEN: account.refreshToken, ZALO_OA_ALIAS: account.alias,
      ZALO_OPENAPI_URL: urls.openapi, ZALO_OAUTH_URL: urls.oauth, ZALO_ZNS_URL: urls.zns,
      ZALO_DATABASE_URL: databaseUrl, ZALO_WEBHOOK_SECRET: REPLICA_WEBHOOK_SECRET, ZALO_MCP_HTTP_TOKEN: REPLICA_HTTP_TOKEN,
      ZALO_TOOLSETS: 'default,inbox', ...env,
    },
  });
  let stderr = '';
  const mcp = await new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      stderr += c;
      const m = /MCP over Streamable HTTP on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code, signal) => reject(new Error(`replica exited (${code ?? signal}): ${stderr.slice(0, 500)}`)));
  });
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    child,
    mcp,
    webhook: mcp.replace(/\/mcp$/, '/webhook'),
    stderr: () => stderr,
    /** SIGTERM (a clean stop), SIGKILL after 5 s. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
