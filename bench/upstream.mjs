/**
 * The upstream every call benchmark talks to: the Zalo simulator in its own process (so its CPU
 * is not counted as ours), plus a direct keep-alive undici client, the baseline a call through
 * the MCP server is compared with. All of them call as the same OA (shop) with the same access
 * token, so the simulator does the same work for each (like for like).
 */
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request } from 'undici';
import { SANDBOX_ACCOUNTS } from '../dist/sandbox/credentials.js';
import { ROOT } from './lib.mjs';

/** `latencyMs`: the simulator delays every answer, as a Zalo a network away would. */
export async function startUpstream({ latencyMs = 0 } = {}) {
  const child = spawn(process.execPath, ['dist/sandbox/main.js', '--port', '0', '--latency-ms', String(latencyMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const urls = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`simulator exited (${code})`)));
    child.stdout.on('data', (d) => {
      out += d;
      const get = (k) => new RegExp(`${k}=(\\S+)`).exec(out)?.[1];
      if (get('ZALO_ZNS_URL')) resolve({ openapi: get('ZALO_OPENAPI_URL'), oauth: get('ZALO_OAUTH_URL'), zns: get('ZALO_ZNS_URL') });
    });
  });
  const [shop] = SANDBOX_ACCOUNTS;
  // One grant: its pair is handed to every server through its token file, so none refreshes.
  const grant = await request(`${urls.oauth}/v4/oa/access_token`, {
    method: 'POST',
    headers: { secret_key: shop.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ refresh_token: shop.refreshToken, grant_type: 'refresh_token', app_id: shop.appId }).toString(),
  });
  const pair = await grant.body.json();
  const token = pair.access_token;
  const now = Date.now();
  const stored = { access_token: token, refresh_token: pair.refresh_token, access_expires_at: now + Number(pair.expires_in) * 1000, updated_at: now };
  return {
    child,
    urls,
    token,
    /** Env for a zalo-oa-mcp server (real mode) that talks to this simulator as the shop OA. */
    serverEnv: (tokenFile) => {
      writeFileSync(tokenFile, JSON.stringify({ version: 1, oas: { shop: stored } }), { mode: 0o600 });
      return {
      ZALO_APP_ID: shop.appId, ZALO_APP_SECRET: shop.appSecret, ZALO_REFRESH_TOKEN: pair.refresh_token, ZALO_OA_ALIAS: 'shop',
      ZALO_OPENAPI_URL: urls.openapi, ZALO_OAUTH_URL: urls.oauth, ZALO_ZNS_URL: urls.zns, ZALO_TOKEN_FILE: tokenFile,
      ZALO_ACCOUNTS_FILE: '', ZALO_SANDBOX: '', ZALO_TOOLSETS: 'default', ZALO_LOG_LEVEL: 'error',
      };
    },
    /** The same upstream call oa_get_profile makes, made directly. */
    async direct() {
      const res = await request(`${urls.openapi}/v2.0/oa/getoa`, { headers: { access_token: token, accept: 'application/json' } });
      const body = await res.body.json();
      if (body.error !== 0) throw new Error(JSON.stringify(body));
      return body;
    },
    close: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }),
  };
}
