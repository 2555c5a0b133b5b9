/**
 * The upstream every call benchmark talks to: the Zalo simulator in its own process (so its CPU
 * is not counted as ours), plus a direct keep-alive undici client for the `branch` OA, the
 * baseline a call through the MCP server is compared with.
 */
import { spawn } from 'node:child_process';
import { request } from 'undici';
import { SANDBOX_ACCOUNTS } from '../dist/sandbox/credentials.js';
import { ROOT } from './lib.mjs';

export async function startUpstream() {
  const child = spawn(process.execPath, ['dist/sandbox/main.js', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const urls = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`simulator exited (${code})`)));
    child.stdout.on('data', (d) => {
      out += d;
      const get = (k) => new RegExp(`${k}=(\\S+)`).exec(out)?.[1];
      if (get('ZALO_ZNS_URL')) resolve({ openapi: get('ZALO_OPENAPI_URL'), oauth: get('ZALO_OAUTH_URL'), zns: get('ZALO_ZNS_URL') });
    });
  });
  const [shop, branch] = SANDBOX_ACCOUNTS;
  // The direct client uses the branch OA's refresh token; the MCP server uses shop's.
  const grant = await request(`${urls.oauth}/v4/oa/access_token`, {
    method: 'POST',
    headers: { secret_key: branch.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ refresh_token: branch.refreshToken, grant_type: 'refresh_token', app_id: branch.appId }).toString(),
  });
  const { access_token: token } = await grant.body.json();
  return {
    child,
    urls,
    token,
    /** Env for a zalo-oa-mcp server (real mode) that talks to this simulator as the shop OA. */
    serverEnv: (tokenFile) => ({
      ZALO_APP_ID: shop.appId, ZALO_APP_SECRET: shop.appSecret, ZALO_REFRESH_TOKEN: shop.refreshToken, ZALO_OA_ALIAS: 'shop',
      ZALO_OPENAPI_URL: urls.openapi, ZALO_OAUTH_URL: urls.oauth, ZALO_ZNS_URL: urls.zns, ZALO_TOKEN_FILE: tokenFile,
      ZALO_ACCOUNTS_FILE: '', ZALO_SANDBOX: '', ZALO_TOOLSETS: 'default', ZALO_LOG_LEVEL: 'error',
    }),
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
