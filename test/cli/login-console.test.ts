/**
 * OA consent as the Zalo console sets it up: `login --init`, a fixed verifier in console mode and
 * default mode, the paste mode (--redirect-uri) through a stream and through the built CLI's
 * stdin, and the console fixes for -14002 / -14003.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/cli/accounts.js';
import { runLogin, runLoginInit } from '../../src/cli/login.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { tempDir } from '../tmp.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function sandboxRuntime(env: Record<string, string> = {}) {
  const tokenFile = join(tempDir('zalo-consent-'), 'tokens.json');
  runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile, ...env }, dotenvPath: null, log: silentLogger });
  return { runtime, sim: runtime.sandbox!, tokenFile };
}
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const exchanges = (rt: Runtime) => rt.sandbox!.calls('/v4/oa/access_token').filter((c) => c.body.grant_type === 'authorization_code');
/** Follow the consent link like a browser and return where Zalo redirects (or its error body). */
const consent = async (url: string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return res.headers.get('location') ?? (await res.text());
};
const CALLBACK = 'https://crm.example.com/zalo/callback';

describe('login --init and console mode', () => {
  it('--init prints a fresh pair and the console steps in order; that pair then logs in against a console-mode app', async () => {
    const printed: string[] = [];
    const pair = runLoginInit({ print: (l) => printed.push(l) });
    const text = printed.join('\n');
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(challengeOf(pair.verifier));
    expect(text).toContain(`code challenge:  ${pair.challenge}`);
    expect(text).toContain(`verifier:        ${pair.verifier}`);
    const steps = ['Sản phẩm (Products) → Official Account → Thiết lập chung', 'Official Account Callback Url: enter http://127.0.0.1:8765/callback', 'Code Challenge: paste', 'ZALO_PKCE_VERIFIER=', 'pkce_verifier', 'Run `zalo-oa-mcp login`'];
    const at = steps.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(runLoginInit({ print: () => undefined }).verifier).not.toBe(pair.verifier);

    // The admin saved the challenge in the console and configured the verifier.
    const { runtime: rt, sim, tokenFile } = await sandboxRuntime({ ZALO_PKCE_VERIFIER: pair.verifier });
    sim.oauthConsole({ challenge: pair.challenge });
    let link = '';
    const result = await runLogin({ runtime: rt, port: 0, print: () => undefined, openUrl: (u) => { link = u; return consent(u).then((loc) => fetch(loc)); } });
    expect(new URL(link).searchParams.get('code_challenge')).toBe(pair.challenge);
    expect(exchanges(rt).at(-1)!.body.code_verifier).toBe(pair.verifier);
    expect(result.oaId).toBe(sim.oa().account.oaId);
    expect(JSON.parse(readFileSync(tokenFile, 'utf8')).oas.shop).toMatchObject({ refresh_token: sim.oa().refresh_token, oa_id: sim.oa().account.oaId });
  });

  it('without a fixed verifier a console-mode app refuses the per-login pair, and the error says how to switch', async () => {
    const { runtime: rt, sim, tokenFile } = await sandboxRuntime();
    sim.oauthConsole({ challenge: challengeOf('a-console-verifier-that-this-login-does-not-know-0') });
    const outcome = runLogin({ runtime: rt, port: 0, print: () => undefined, openUrl: (u) => consent(u).then((loc) => fetch(loc)) });
    await expect(outcome).rejects.toThrow(/code_verifier.*Zalo error -14019.*run `zalo-oa-mcp login --init`, save the printed challenge in the console, set ZALO_PKCE_VERIFIER/);
    expect(exchanges(rt)).toHaveLength(1);
    expect(existsSync(tokenFile)).toBe(false);
  });

  it('a fixed verifier also works in default mode (the link carries its challenge)', async () => {
    const verifier = runLoginInit({ print: () => undefined }).verifier;
    const { runtime: rt } = await sandboxRuntime({ ZALO_PKCE_VERIFIER: verifier });
    await runLogin({ runtime: rt, alias: 'branch', port: 0, print: () => undefined, openUrl: (u) => consent(u).then((loc) => fetch(loc)) });
    expect(exchanges(rt).at(-1)!.body.code_verifier).toBe(verifier);
  });
});

describe('login --redirect-uri (paste mode)', () => {
  it('prints the consent link, takes the pasted redirect URL, stores oa_id and accounts shows it', async () => {
    const verifier = runLoginInit({ print: () => undefined }).verifier;
    const { runtime: rt, sim } = await sandboxRuntime({ ZALO_PKCE_VERIFIER: verifier });
    sim.oauthConsole({ challenge: challengeOf(verifier), callbackUrl: CALLBACK }, 'branch');
    const input = new PassThrough();
    const printed: string[] = [];
    const result = await runLogin({
      runtime: rt, alias: 'branch', redirectUri: CALLBACK, input, print: (l) => printed.push(l),
      openUrl: async (u) => input.write(`  ${await consent(u)}  \n`),
    });
    const link = new URL(/(http\S+\/v4\/oa\/permission\?\S+)/.exec(printed.join('\n'))![1]!);
    expect(link.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(printed.join('\n')).toMatch(/paste that whole address \(or just the code\)/);
    expect(result.oaId).toBe(sim.oa('branch').account.oaId);
    const rows = await listAccounts(rt.config, rt.client.store);
    expect(rows.find((r) => r.alias === 'branch')).toMatchObject({ oa_id: sim.oa('branch').account.oaId, token_source: 'store' });
    expect(rows.find((r) => r.alias === 'shop')!.oa_id).toBeNull();
  });

  it('accepts just the code', async () => {
    const { runtime: rt, sim } = await sandboxRuntime();
    const input = new PassThrough();
    await runLogin({ runtime: rt, redirectUri: CALLBACK, input, print: () => undefined, openUrl: async (u) => input.write(new URL(await consent(u)).searchParams.get('code') + '\n') });
    expect(sim.state.accessTokens.size).toBeGreaterThan(0);
    expect(exchanges(rt)).toHaveLength(1);
  });

  it('refuses a pasted URL with another login\'s state, before any exchange', async () => {
    const { runtime: rt } = await sandboxRuntime();
    const input = new PassThrough();
    const outcome = runLogin({ runtime: rt, redirectUri: CALLBACK, input, print: () => undefined, openUrl: async (u) => input.write((await consent(u)).replace(/state=[0-9a-f]+/, 'state=' + '0'.repeat(32)) + '\n') });
    await expect(outcome).rejects.toThrow(/wrong state/);
    expect(exchanges(rt)).toEqual([]);
  });

  it('-14003: a redirect URI other than the console callback is explained with the console setting', async () => {
    const { runtime: rt, sim } = await sandboxRuntime();
    sim.oauthConsole({ challenge: challengeOf('x'.repeat(43)), callbackUrl: CALLBACK });
    const input = new PassThrough();
    // Zalo shows its error instead of redirecting; the admin pastes what the page says.
    const outcome = runLogin({ runtime: rt, redirectUri: 'https://other.example.com/cb', input, print: () => undefined, openUrl: async (u) => input.write((await consent(u)) + '\n') });
    await expect(outcome).rejects.toThrow(/error -14003\. The redirect URI https:\/\/other\.example\.com\/cb is not the "Official Account Callback Url" saved at developers\.zalo\.me → your app → Sản phẩm/);
    expect(exchanges(rt)).toEqual([]);
  });

  it('-14002 at the exchange says the app must be active and the user an OA admin', async () => {
    const { runtime: rt } = await sandboxRuntime();
    rt.config.accounts[0]!.appId = '3017450163290049999';
    const input = new PassThrough();
    input.end('sbx_code_pasted_by_hand\n');
    await expect(runLogin({ runtime: rt, redirectUri: CALLBACK, input, print: () => undefined })).rejects.toThrow(/Zalo error -14002\)\. The app is not active, or the account that allowed access is not an admin of this OA/);
  });

  it('ends cleanly when the input closes without a line', async () => {
    const { runtime: rt } = await sandboxRuntime();
    const input = new PassThrough();
    input.end();
    await expect(runLogin({ runtime: rt, redirectUri: CALLBACK, input, print: () => undefined })).rejects.toThrow(/input ended before a URL was pasted/);
  });
});

describe.skipIf(!existsSync('dist/index.js'))('built CLI', () => {
  const run = (args: string[], env: Record<string, string>, onStderr?: (text: string, stdin: NodeJS.WritableStream) => void) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['dist/index.js', ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d; });
      child.stderr.on('data', (d: Buffer) => { stderr += d; onStderr?.(stderr, child.stdin); });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    });

  it('login --redirect-uri reads the pasted URL from stdin; accounts then shows the oa_id', async () => {
    const env = { ZALO_TOKEN_FILE: join(tempDir('zalo-cli-login-'), 'tokens.json') };
    let pasted = false;
    const login = await run(['login', '--sandbox', '--oa', 'branch', '--no-open', '--redirect-uri', CALLBACK], env, (text, stdin) => {
      const link = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/v4\/oa\/permission\?\S+)/.exec(text)?.[1];
      if (!link || pasted || !text.includes('press Enter')) return;
      pasted = true;
      void consent(link).then((loc) => stdin.write(loc + '\n'));
    });
    expect(login.stderr).toMatch(/Logged in: OA "branch" \(oa_id \d+\)/);
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    const oaId = /oa_id (\d+)/.exec(login.stderr)![1];
    expect(JSON.parse(readFileSync(env.ZALO_TOKEN_FILE, 'utf8')).oas.branch.oa_id).toBe(oaId);
    const accounts = await run(['accounts', '--sandbox', '--json'], env);
    expect(JSON.parse(accounts.stdout).find((r: { alias: string }) => r.alias === 'branch').oa_id).toBe(oaId);
  });

  it('login --init needs no configuration and prints the console steps on stderr', async () => {
    const r = await run(['login', '--init', '--redirect-uri', CALLBACK], { HOME: tempDir('zalo-home-') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Official Account Callback Url: enter ${CALLBACK}`);
    expect(r.stderr).toContain(`zalo-oa-mcp login --redirect-uri ${CALLBACK}`);
    const challenge = /code challenge:\s+(\S+)/.exec(r.stderr)![1];
    const verifier = /verifier:\s+(\S+)/.exec(r.stderr)![1]!;
    expect(challenge).toBe(challengeOf(verifier));
  });
});

describe('login (local callback) with an OAuth error in the redirect', () => {
  it('names the console setting for -14002', async () => {
    const { runtime: rt } = await sandboxRuntime();
    const outcome = runLogin({
      runtime: rt, port: 0, print: () => undefined,
      openUrl: async (u) => {
        const back = new URL(new URL(u).searchParams.get('redirect_uri')!);
        back.search = new URLSearchParams({ error: '-14002', error_description: 'Invalid appId', state: new URL(u).searchParams.get('state')! }).toString();
        expect((await fetch(back)).status).toBe(400);
      },
    });
    await expect(outcome).rejects.toThrow(/without a code \(Invalid appId\)\. The app is not active, or the account that allowed access is not an admin/);
    expect(exchanges(rt)).toEqual([]);
  });
});
