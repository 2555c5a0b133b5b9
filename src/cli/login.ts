/**
 * `zalo-oa-mcp login`: the OAuth v4 OA authorisation with PKCE (ZALO_API.md §1). It prints the
 * permission URL, then either waits for Zalo's redirect on a one-shot local callback server or,
 * with `--redirect-uri` (a callback registered on another host), reads the redirected URL the
 * admin pastes; it checks `state`, trades the code (+ verifier) for a token pair through
 * ZaloClient and saves the pair, with the OA's id, in the token store where the server picks it up.
 * With a fixed verifier (ZALO_PKCE_VERIFIER, `login --init`) the link carries the console's
 * challenge; without one, a fresh pair per login.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { accountFor, ConfigError } from '../config.js';
import type { Runtime } from '../runtime.js';
import { consoleFix, exchangeFailure, initSteps, pkcePair, readPasted } from './consent.js';

/** The callback port users register with their Zalo app (redirect URI http://127.0.0.1:8765/callback). */
export const DEFAULT_LOGIN_PORT = 8765;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface LoginOptions {
  runtime: Runtime;
  /** OA alias (default OA when omitted). */
  alias?: string;
  /** Callback port on 127.0.0.1 (0 = any free port; default 8765). */
  port?: number;
  /** Called with the permission URL, e.g. to open a browser; never required. */
  openUrl?: (url: string) => unknown;
  /** Where human-readable lines go (default: stderr). */
  print?: (line: string) => void;
  timeoutMs?: number;
  /** A callback URL registered in the console for another host: the admin pastes the redirected URL. */
  redirectUri?: string;
  /** Where the pasted URL is read from (default: stdin). */
  input?: NodeJS.ReadableStream;
}

export interface LoginResult {
  alias: string;
  /** The OA id Zalo reported in the redirect, when it did. */
  oaId?: string;
  accessExpiresAt: string;
  tokenFile: string;
}

/** `login --init`: a new console pair and the steps to save it; nothing is sent anywhere. */
export function runLoginInit(options: { redirectUri?: string; port?: number; print?: (line: string) => void } = {}): { verifier: string; challenge: string } {
  const print = options.print ?? ((line: string) => process.stderr.write(line + '\n'));
  const pair = pkcePair();
  const callbackUrl = options.redirectUri ?? `http://127.0.0.1:${options.port || DEFAULT_LOGIN_PORT}/callback`;
  for (const line of initSteps(pair, callbackUrl, options.redirectUri !== undefined)) print(line);
  return pair;
}

/** Run the whole flow; resolves once the token pair is stored. */
export async function runLogin(options: LoginOptions): Promise<LoginResult> {
  const { runtime } = options;
  const print = options.print ?? ((line: string) => process.stderr.write(line + '\n'));
  const account = accountFor(runtime.config, options.alias);
  const { verifier, challenge } = pkcePair(account.pkceVerifier);
  const state = randomBytes(16).toString('hex');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (options.redirectUri !== undefined && !/^https?:\/\/[^\s/]+/.test(options.redirectUri)) {
    throw new ConfigError(`--redirect-uri ${options.redirectUri} is not an http(s) URL: give the Official Account Callback Url saved in the Zalo console`);
  }

  const callback = options.redirectUri === undefined ? await listenForCallback(options.port ?? DEFAULT_LOGIN_PORT, state, timeoutMs) : undefined;
  try {
    const redirectUri = options.redirectUri ?? `http://127.0.0.1:${callback!.port}/callback`;
    const url = new URL(`${runtime.config.urls.oauth}/v4/oa/permission`);
    url.search = new URLSearchParams({ app_id: account.appId, redirect_uri: redirectUri, code_challenge: challenge, state }).toString();
    print(`Authorise OA "${account.alias}": open this URL, sign in as an OA admin and allow access:\n\n  ${url}\n`);
    print(account.pkceVerifier
      ? 'Using the configured PKCE verifier (its challenge must be the Code Challenge saved in the Zalo console).'
      : 'Using a one-time PKCE pair. If the Zalo console has a Code Challenge saved, run `zalo-oa-mcp login --init` first.');
    print(`If Zalo shows error -14003: ${consoleFix(-14003, redirectUri)}`);
    if (options.openUrl) Promise.resolve().then(() => options.openUrl!(url.toString())).catch(() => undefined);

    let got: { code: string; oaId?: string };
    if (callback) {
      print(`Waiting for Zalo to redirect to ${redirectUri} ...`);
      got = await callback.result;
    } else {
      print(`After you allow access, Zalo redirects to ${redirectUri}?code=...: paste that whole address (or just the code) here and press Enter:`);
      got = readPasted(await readLine(options.input ?? process.stdin, timeoutMs), state, redirectUri);
    }
    const pair = await runtime.client.exchangeCode(account.alias, got.code, verifier, redirectUri).catch((e: unknown) => {
      throw exchangeFailure(e, { fixedVerifier: account.pkceVerifier !== undefined, redirectUri });
    });
    const tokens = runtime.client.tokenManager(account.alias);
    await tokens.adopt(pair, got.oaId);
    const expires = new Date((await tokens.expiresAt()) ?? Date.now()).toISOString();
    print(`Logged in: OA "${account.alias}"${got.oaId ? ` (oa_id ${got.oaId})` : ''}; tokens saved to ${runtime.config.tokenFile}; access token valid until ${expires}.`);
    return { alias: account.alias, oaId: got.oaId, accessExpiresAt: expires, tokenFile: runtime.config.tokenFile };
  } finally {
    await callback?.close();
  }
}

/** One line from the terminal (the pasted URL), or a clear error on timeout or end of input. */
function readLine(input: NodeJS.ReadableStream, timeoutMs: number): Promise<string> {
  const rl = createInterface({ input, terminal: false });
  let timer: NodeJS.Timeout | undefined;
  const line = new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => reject(new ConfigError(`login timed out after ${Math.round(timeoutMs / 1000)} s without a pasted URL; run \`zalo-oa-mcp login\` again`)), timeoutMs);
    rl.once('line', resolve);
    rl.once('close', () => reject(new ConfigError('login: the input ended before a URL was pasted; run `zalo-oa-mcp login` again')));
  });
  return line.finally(() => {
    clearTimeout(timer);
    rl.close();
  });
}

interface Callback {
  port: number;
  result: Promise<{ code: string; oaId?: string }>;
  close(): Promise<void>;
}

/** A server on 127.0.0.1 that accepts exactly one redirect to /callback carrying our `state`. */
async function listenForCallback(port: number, state: string, timeoutMs: number): Promise<Callback> {
  let settle!: { resolve: (v: { code: string; oaId?: string }) => void; reject: (e: Error) => void };
  const result = new Promise<{ code: string; oaId?: string }>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let finished = false;
  const finish = (outcome: { code: string; oaId?: string } | Error) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (outcome instanceof Error) settle.reject(outcome);
    else settle.resolve(outcome);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = (status: number, text: string) =>
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text + '\n');
    if (req.method !== 'GET' || url.pathname !== '/callback') return page(404, 'Not found');
    if (finished) return page(410, 'This login link was already used. Run `zalo-oa-mcp login` again.');
    const given = url.searchParams.get('state') ?? '';
    if (!sameSecret(given, state)) {
      page(400, 'Login refused: the state does not match. Run `zalo-oa-mcp login` again.');
      return finish(new ConfigError('login refused: the callback carried a wrong state (possible forgery); run `zalo-oa-mcp login` again'));
    }
    const code = url.searchParams.get('code');
    if (!code) {
      const reason = url.searchParams.get('error_description') ?? url.searchParams.get('error') ?? 'no code in the redirect';
      page(400, `Login failed: ${reason}.`);
      const fix = consoleFix(Number(url.searchParams.get('error')), `http://127.0.0.1:${port || (server.address() as AddressInfo).port}/callback`);
      return finish(new ConfigError(`login failed: Zalo redirected without a code (${reason})${fix ? `. ${fix}` : '; check the app\'s callback URL and try again'}`));
    }
    page(200, 'Zalo OA authorised. You can close this tab and return to the terminal.');
    finish({ code, oaId: url.searchParams.get('oa_id') ?? undefined });
  });
  const timer = setTimeout(() => finish(new ConfigError(`login timed out after ${Math.round(timeoutMs / 1000)} s without a redirect; run \`zalo-oa-mcp login\` again`)), timeoutMs);
  timer.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new ConfigError(`login: port ${port} is in use: pick another with --port (and register that redirect URI with your Zalo app)`) : e));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    result,
    close: async () => {
      finish(new ConfigError('login cancelled'));
      result.catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Best-effort: open the URL in the desktop browser; silently does nothing where that fails. */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // printing the URL is enough
  }
}
