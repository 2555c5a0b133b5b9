/**
 * ZaloClient: the one place that does HTTP to Zalo. It knows the three API families, Zalo's
 * envelope (errors arrive as HTTP 200 with a non-zero `error`), timeouts, retries for reads,
 * tokens (via TokenManager) and dry-run. It knows nothing about MCP.
 */
import { createHmac } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { ApiFamily, Config, OaAccount } from '../config.js';
import { accountFor } from '../config.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { MAX_RESPONSE_BYTES, mayHaveReachedZalo, readBodyLimited, uncertainWrite } from './delivery.js';
import { readEnvelope } from './envelope.js';
import { isTokenInvalid, ZaloAuthError, ZaloError, ZaloNetworkError, ZaloTimeoutError } from './errors.js';
import { baseTarget, queryString, type BaseTarget } from './target.js';
import { wireJson } from './wire.js';
import { MAX_LIST_OFFSET } from './endpoints/followers.js';
import { attemptDeadline, type AbortLike } from './deadline.js';
import { Limiter, ZALO_APP_REQUESTS_PER_MINUTE } from './rate-limit.js';
import { redact } from './redact.js';
import { MAX_RETRY_AFTER_S, parseRetryAfter, retryDelay, sleep } from './retry.js';
import type { DryRunRequest, ZaloClientOptions } from './client-options.js';
import { FileTokenStore, type TokenStore } from './token-store.js';
import { TokenManager, type TokenPair } from './tokens.js';

export type { DryRunRequest, ZaloClientOptions } from './client-options.js';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface RequestOptions<T = unknown> {
  api: ApiFamily;
  method: 'GET' | 'POST';
  /** Appended to the family's base URL as given (the base may carry a proxy prefix). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** For Zalo's GET endpoints that take a JSON-encoded `data` query parameter. */
  data?: unknown;
  body?: unknown;
  form?: Record<string, string>;
  multipart?: MultipartFile;
  headers?: Record<string, string>;
  /** Validates the envelope's `data` (or the whole body when `whole` is set). Unknown fields must pass through. */
  schema?: z.ZodType<T>;
  /** Return the whole JSON body instead of its `data` (e.g. ZNS lists carry `metadata`). */
  whole?: boolean;
  /** Writes (sends, updates) are never retried and are stopped by dry-run. Default: POST. */
  write?: boolean;
  /** Retry transient failures (reads only). `false` for a request that must never be sent twice. */
  retry?: boolean;
  /** OA alias; default OA when omitted. */
  oa?: string;
  /** Send the OA's access token. Default: true except for the oauth family. */
  auth?: boolean;
  signal?: AbortLike;
  /** The calling request's logger (its lines reach that MCP session); default: the client's. */
  log?: Logger;
}

/** Raised instead of sending a write in dry-run mode; carries the exact request. */
export class DryRunStop extends Error {
  constructor(readonly request: DryRunRequest) {
    super('dry run: request not sent');
  }
}

// undici takes ~0.2-0.35 s to import: loaded on the first Zalo call, not at start (issue 14).
let undici: typeof import('undici') | undefined;
let loading: Promise<typeof import('undici')> | undefined;
const loadUndici = () => (loading ??= import('undici').then((m) => (undici = m)));

/** Slowest upload we still wait for: 128 KB/s, in bytes per ms. */
const UPLOAD_FLOOR_BYTES_PER_MS = 128;

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // By the time this is parsed Zalo has already burnt the old refresh token: a missing or odd
  // expires_in must not throw the new pair away. An hour is safely short (Zalo: 90000 s).
  expires_in: z.coerce.number().finite().positive().catch(3600),
});

export class ZaloClient {
  readonly tokens = new Map<string, TokenManager>();
  readonly store: TokenStore;
  private readonly log: Logger;
  private readonly limiters: Record<ApiFamily, Limiter>;
  private readonly retryBaseMs: number;
  private readonly maxRetries: number;
  private readonly random: () => number;
  /** Largest user/getlist offset (see followers_sync's date windows). */
  readonly maxListOffset: number;
  private readonly bases = new Map<string, BaseTarget>();

  constructor(readonly config: Config, private readonly options: ZaloClientOptions = {}) {
    this.store = options.store ?? new FileTokenStore(config.tokenFile);
    this.log = options.log ?? silentLogger;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetries = options.maxRetries ?? 2;
    this.random = options.random ?? Math.random;
    this.maxListOffset = options.maxListOffset ?? MAX_LIST_OFFSET;
    // Wide enough for an agent's 50 parallel reads; the per-minute budget is what keeps us under Zalo's limit.
    const budget = { perMinute: config.ratePerMinute ?? ZALO_APP_REQUESTS_PER_MINUTE };
    this.limiters = { openapi: new Limiter(64, budget), zns: new Limiter(64, budget), oauth: new Limiter(1) };
    for (const account of config.accounts) {
      this.tokens.set(account.alias, new TokenManager(account, this.store, (a, rt) => this.refreshGrant(a, rt), { now: options.now, log: this.log }));
    }
  }

  /** Replicas sharing the app's budget (PostgreSQL heartbeat): each takes 1/n of ZALO_RATE_PER_MINUTE. */
  shareRate(replicas: number): void {
    const perMinute = Math.max(1, Math.floor((this.config.ratePerMinute ?? ZALO_APP_REQUESTS_PER_MINUTE) / Math.max(1, replicas)));
    this.limiters.openapi.setPerMinute(perMinute);
    this.limiters.zns.setPerMinute(perMinute);
  }

  /** The TokenManager of an OA (default OA when omitted). */
  tokenManager(alias?: string): TokenManager {
    return this.tokens.get(accountFor(this.config, alias).alias)!;
  }

  /** Perform one Zalo call; returns the envelope's `data` (validated by `schema` when given). */
  async request<T = unknown>(opts: RequestOptions<T>): Promise<T> {
    const alias = accountFor(this.config, opts.oa).alias;
    const log = opts.log ?? this.log;
    const write = opts.write ?? opts.method !== 'GET';
    const query = queryString(opts);
    if (write && this.config.dryRun) throw new DryRunStop(this.describe(alias, opts, this.url(opts)));

    const auth = opts.auth ?? opts.api !== 'oauth';
    const tokens = this.tokenManager(alias);
    let token = auth ? (tokens.usableToken() ?? (await tokens.accessToken())) : undefined;
    let replayed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        // The proof follows the token: recomputed for the refreshed one on replay.
        const proof = token && tokens.account.appsecretProof ? appsecretProof(token, tokens.account.appSecret) : undefined;
        return await this.limiters[opts.api].run(() => this.once(opts, query, token, proof));
      } catch (err) {
        // Zalo rejected the token before doing anything, so replaying once is safe even for sends.
        if (auth && !replayed && isTokenInvalid(err)) {
          replayed = true;
          log.info('access token rejected; refreshing and replaying once', { oa: alias, path: opts.path });
          token = await tokens.replaceInvalid(token!);
          attempt--;
          continue;
        }
        if (replayed && isTokenInvalid(err)) {
          // A freshly refreshed token was rejected too: only a new authorisation helps, and with
          // several OAs the user must know which one to log in again.
          const e = err as ZaloError;
          throw new ZaloAuthError(e.message, {
            code: e.code, kind: 'auth', httpStatus: e.httpStatus, endpoint: e.endpoint,
            hint: `Zalo rejected a freshly refreshed token: run \`zalo-oa-mcp login --oa ${alias}\` to authorise the OA again.`,
          });
        }
        const retryable = err instanceof ZaloError && err.retryable && !write && opts.retry !== false && attempt < this.maxRetries && !((err.retryAfterS ?? 0) > MAX_RETRY_AFTER_S);
        if (!retryable || opts.signal?.aborted) throw err;
        const delay = retryDelay(attempt, { baseMs: this.retryBaseMs, random: this.random, retryAfterS: (err as ZaloError).retryAfterS });
        log.debug('retrying read', { path: opts.path, attempt: attempt + 1, delay_ms: delay, code: (err as ZaloError).code });
        await sleep(delay, opts.signal);
      }
    }
  }

  private async once<T>(opts: RequestOptions<T>, query: string, token: string | undefined, proof?: string): Promise<T> {
    const endpoint = `${opts.method} ${opts.api}${opts.path}`;
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (token) headers.access_token = token;
    if (proof) headers.appsecret_proof = proof;
    const { getGlobalDispatcher, FormData } = undici ?? (await loadUndici());
    let body: string | InstanceType<typeof FormData> | undefined;
    if (opts.multipart) {
      const fd = new FormData();
      fd.append(opts.multipart.field, new Blob([opts.multipart.bytes as Uint8Array<ArrayBuffer>], { type: opts.multipart.contentType }), opts.multipart.filename);
      body = fd;
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = wireJson(opts.body);
    }

    const started = Date.now();
    // One deadline for the whole attempt (connect, upload, headers and body). undici's own
    // headers/body timeouts run on coarse timers (up to ~0.5 s late) and each covers one phase.
    // Uploads get extra time for their bytes (at a 128 KB/s floor): a 50 MB video is not "slow Zalo".
    const timeoutMs = (this.options.timeoutMs ?? this.config.timeoutMs) + (opts.multipart ? Math.ceil(opts.multipart.bytes.byteLength / UPLOAD_FLOOR_BYTES_PER_MS) : 0);
    const attempt = attemptDeadline(timeoutMs, opts.signal);
    const deadline = attempt.signal;
    // A write that may have reached Zalo is reported as possibly done (see delivery.ts). The token
    // grants report their own lost answers (tokens.ts).
    const write = (opts.write ?? opts.method !== 'GET') && opts.api !== 'oauth';
    const lost = (err: ZaloError) => (write ? uncertainWrite(err, opts.api, opts.path) : err);
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      try {
        // The origin and prefix of the base URL are parsed once, not with every request (issue 14).
        const { origin, prefix } = baseTarget(this.bases, this.config.urls[opts.api]);
        res = await (this.options.dispatcher ?? getGlobalDispatcher()).request({
          origin,
          path: `${prefix}${opts.path}${query}`,
          method: opts.method,
          headers,
          body,
          // undici takes any object with aborted/reason/addEventListener (see deadline.ts).
          signal: deadline as unknown as AbortSignal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (e) {
        const err = this.transportError(e, endpoint, deadline, opts.signal, timeoutMs);
        throw mayHaveReachedZalo(e) ? lost(err) : err;
      }
      try {
        text = await readBodyLimited(res, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES, endpoint);
      } catch (e) {
        throw lost(e instanceof ZaloError ? e : this.transportError(e, endpoint, deadline, opts.signal, timeoutMs));
      }
    } finally {
      attempt.done();
    }
    (opts.log ?? this.log).debug('zalo call', { endpoint, status: res.statusCode, ms: Date.now() - started });
    const retryAfterS = parseRetryAfter(res.headers['retry-after']);
    try {
      return readEnvelope(text, { statusCode: res.statusCode, retryAfterS, endpoint, dataOnly: !opts.whole && opts.api !== 'oauth', schema: opts.schema });
    } catch (e) {
      throw e instanceof ZaloError ? lost(e) : e;
    }
  }

  /**
   * The OAuth authorization_code grant (the `login` command): trades a permission code and its
   * PKCE verifier for a token pair. Like the refresh grant, the secret goes only in `secret_key`.
   * `redirectUri` is accepted for callers that must echo it; Zalo's v4 endpoint does not take it.
   */
  async exchangeCode(alias: string, code: string, codeVerifier: string, _redirectUri?: string): Promise<TokenPair> {
    return this.tokenGrant(accountFor(this.config, alias), { code, grant_type: 'authorization_code', code_verifier: codeVerifier });
  }

  /** The OAuth refresh_token grant. */
  private refreshGrant(account: OaAccount, refreshToken: string): Promise<TokenPair> {
    return this.tokenGrant(account, { refresh_token: refreshToken, grant_type: 'refresh_token' });
  }

  /**
   * POST /v4/oa/access_token: the app secret travels only in the `secret_key` header. Never retried:
   * a grant Zalo processed but whose answer was lost has spent its single-use code or refresh token,
   * and re-sending it would only prove that. Not a `write`: dry-run reads need a token too.
   */
  private tokenGrant(account: OaAccount, form: Record<string, string>): Promise<TokenPair> {
    return this.request({
      api: 'oauth', method: 'POST', path: '/v4/oa/access_token', oa: account.alias, write: false, retry: false, auth: false,
      headers: { secret_key: account.appSecret },
      form: { ...form, app_id: account.appId },
      schema: tokenResponse,
    });
  }

  url(opts: Pick<RequestOptions, 'api' | 'path' | 'query' | 'data'>): string {
    return `${this.config.urls[opts.api]}${opts.path}${queryString(opts)}`;
  }

  private describe(alias: string, opts: RequestOptions<unknown>, url: string): DryRunRequest {
    const m = opts.multipart;
    return {
      oa: alias,
      method: opts.method,
      url,
      body: opts.body ?? opts.form,
      file: m && { field: m.field, filename: m.filename, content_type: m.contentType, bytes: m.bytes.byteLength },
    };
  }

  private transportError(e: unknown, endpoint: string, deadline?: { aborted: boolean }, callerSignal?: { aborted: boolean }, timeoutMs = this.options.timeoutMs ?? this.config.timeoutMs): ZaloError {
    const err = e as { code?: string; name?: string; message?: string };
    const timedOut = deadline?.aborted === true && callerSignal?.aborted !== true;
    if (!timedOut && (err.name === 'AbortError' || err.code === 'UND_ERR_ABORTED' || callerSignal?.aborted)) {
      return new ZaloError('The call was cancelled', { kind: 'network', endpoint, cause: e, hint: 'It was cancelled by the client; call again if still needed.' });
    }
    if (timedOut || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') {
      return new ZaloTimeoutError(`Zalo did not answer within ${timeoutMs} ms`, { kind: 'timeout', endpoint, retryable: true, cause: e, hint: 'Zalo is slow right now: try again shortly.' });
    }
    return new ZaloNetworkError(`Could not reach Zalo: ${redact(err.message ?? String(e))}`, { kind: 'network', endpoint, retryable: true, cause: e, hint: 'Check the network connection and the configured Zalo URLs.' });
  }
}

/** `appsecret_proof`: hex HMAC-SHA256 of the access token keyed with the app secret (ZALO_API.md §1). */
export function appsecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
