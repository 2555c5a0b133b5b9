/** `login` end to end against the simulator: permission URL → redirect → callback → code exchange → token file. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runLogin } from '../../src/cli/login.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server.js';
import { tempDir } from '../tmp.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function sandboxRuntime() {
  const tokenFile = join(tempDir('zalo-login-'), 'tokens.json');
  runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null, log: silentLogger });
  return { runtime, tokenFile };
}

/** Follow the printed URL like a browser would (the simulator's OA admin always approves). */
const browse = (url: string) => fetch(url).then((r) => r.text());

describe('login', () => {
  it('authorises the OA with PKCE, saves the pair 0600 and the server uses it', async () => {
    const { runtime, tokenFile } = await sandboxRuntime();
    const sim = runtime.sandbox!;
    const printed: string[] = [];
    let opened = '';
    const result = await runLogin({ runtime, alias: 'branch', port: 0, print: (l) => printed.push(l), openUrl: (u) => { opened = u; return browse(u); } });

    // The URL printed is the one opened, with Zalo's parameters.
    const url = new URL(opened);
    expect(printed.join('\n')).toContain(opened);
    expect(url.pathname).toBe('/oauth/v4/oa/permission');
    expect(url.searchParams.get('app_id')).toBe(sim.oa('branch').account.appId);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);

    // The exchange: authorization_code grant with the verifier, the secret only in the header.
    const exchange = sim.calls('/v4/oa/access_token').find((c) => c.body.grant_type === 'authorization_code')!;
    expect(exchange.body).toMatchObject({ app_id: sim.oa('branch').account.appId, grant_type: 'authorization_code' });
    expect(String(exchange.body.code_verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(exchange.headers['secret_key']).toBe(sim.oa('branch').account.appSecret);
    expect(JSON.stringify(exchange.body)).not.toContain(sim.oa('branch').account.appSecret);

    // Saved: the store holds the simulator's current refresh token, file mode 0600.
    expect(result).toMatchObject({ alias: 'branch', oaId: sim.oa('branch').account.oaId, tokenFile });
    const saved = JSON.parse(readFileSync(tokenFile, 'utf8'));
    expect(saved.oas.branch.refresh_token).toBe(sim.oa('branch').refresh_token);
    expect(sim.state.accessTokens.has(saved.oas.branch.access_token)).toBe(true);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(printed.join('\n')).not.toContain(saved.oas.branch.access_token);

    // A fresh server (new client, same token file) works with the saved pair and never refreshes.
    const next = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null, log: silentLogger, override: (c) => ({ ...c, urls: runtime.config.urls }) });
    const server = createServer(next);
    const client = new Client({ name: 't', version: '1' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(a), client.connect(b)]);
    const before = sim.calls('/v4/oa/access_token').length;
    const r = await client.callTool({ name: 'oa_get_profile', arguments: { oa: 'branch' } });
    expect(r.isError).toBeFalsy();
    expect((r.structuredContent as { oa_id: string }).oa_id).toBe(sim.oa('branch').profile.oa_id);
    expect(sim.calls('/v4/oa/access_token').length).toBe(before);
    expect(sim.calls('/v2.0/oa/getoa').at(-1)?.headers['access_token']).toBe(saved.oas.branch.access_token);
    await client.close();
    await server.close();
    await next.close();
  });

  it('refuses a callback with the wrong state and never exchanges a code', async () => {
    const { runtime } = await sandboxRuntime();
    const sim = runtime.sandbox!;
    const outcome = runLogin({
      runtime,
      port: 0,
      print: () => undefined,
      openUrl: async (u) => {
        const redirect = new URL(new URL(u).searchParams.get('redirect_uri')!);
        redirect.search = 'code=forged&state=00000000000000000000000000000000';
        const res = await fetch(redirect);
        expect(res.status).toBe(400);
      },
    });
    await expect(outcome).rejects.toThrow(/wrong state/);
    expect(sim.calls('/v4/oa/access_token').filter((c) => c.body.grant_type === 'authorization_code')).toEqual([]);
  });

  it('reports Zalo refusing the code (wrong verifier) as a clear error and saves nothing', async () => {
    const { runtime, tokenFile } = await sandboxRuntime();
    const sim = runtime.sandbox!;
    const outcome = runLogin({
      runtime,
      port: 0,
      print: () => undefined,
      openUrl: async (u) => {
        // Tamper with the challenge: the verifier the CLI holds no longer matches.
        const url = new URL(u);
        url.searchParams.set('code_challenge', 'A'.repeat(43));
        await fetch(url);
      },
    });
    await expect(outcome).rejects.toThrow(/code_verifier/);
    expect(sim.calls('/v4/oa/access_token').at(-1)?.body.grant_type).toBe('authorization_code');
    expect(() => readFileSync(tokenFile)).toThrow();
  });

  it('times out cleanly when no redirect arrives', async () => {
    const { runtime } = await sandboxRuntime();
    await expect(runLogin({ runtime, port: 0, print: () => undefined, timeoutMs: 200 })).rejects.toThrow(/timed out/);
  });
});

describe('sandbox OAuth code grant', () => {
  it('codes are single-use', async () => {
    const { runtime } = await sandboxRuntime();
    const sim = runtime.sandbox!;
    const account = sim.oa('shop').account;
    const res = await fetch(`${sim.urls.oauth}/v4/oa/permission?app_id=${account.appId}&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&state=s1`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('oa_id')).toBe(account.oaId);
    const form = { code: location.searchParams.get('code')!, app_id: account.appId, grant_type: 'authorization_code' };
    const exchange = () => fetch(`${sim.urls.oauth}/v4/oa/access_token`, { method: 'POST', headers: { secret_key: account.appSecret, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }).then((r) => r.json());
    expect(await exchange()).toMatchObject({ refresh_token: sim.oa('shop').refresh_token, expires_in: expect.any(String) });
    expect(await exchange()).toMatchObject({ error: -14005 });
  });
});
