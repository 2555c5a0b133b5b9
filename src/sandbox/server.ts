/**
 * The embedded Zalo simulator: node:http on 127.0.0.1 (port 0 by default) answering the oauth,
 * openapi and zns families under /oauth, /openapi and /zns, in Zalo's format, from in-memory
 * state. It powers `--sandbox`, the demo and every test. Fault hooks let tests provoke Zalo's
 * failure modes on demand.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxUrls } from './credentials.js';
import { applyFault, PROCESSED, type FaultKind, type FaultOptions, type RouteAnswer } from './faults.js';
import { ALL_ROUTES } from './routes/index.js';
import { setOauthConsole, type OauthConsole } from './routes/oauth.js';
import { RawReply, SimError, type Family, type Route, type SimRequest, type UploadedFile } from './router.js';
import { createSeededState, type SeedOptions } from './seed/index.js';
import type { OaState, SandboxState } from './state.js';
import { webhooksOf, type SandboxWebhooks } from './webhooks.js';

export interface LoggedRequest {
  method: string;
  family: Family;
  path: string;
  query: Record<string, string>;
  data: Record<string, unknown>;
  body: Record<string, unknown>;
  files: string[];
  headers: Record<string, string | string[] | undefined>;
  /** The OA alias the token belonged to, if any. */
  oa?: string;
  /** Zalo error code answered (0 = success). */
  error: number;
}

export interface FailRule {
  /** Matches when the request path ends with this (e.g. `/message/cs`). Any path when omitted. */
  path?: string;
  code: number;
  message?: string;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Answer with this HTTP status and a non-JSON body instead of an envelope error. */
  httpStatus?: number;
  retryAfterS?: number;
  /** Process the request as usual, then drop the connection unanswered, or leave it hanging (an answer lost after Zalo acted); `code` is ignored. */
  lose?: true | 'hang';
}

/** A transport-level fault (faults.ts) for the next matching call(s), e.g. `{ fault: 'reset', path: '/message/cs' }`. */
export interface FaultRule extends Omit<FaultOptions, 'kind'> {
  path?: string;
  times?: number;
  fault: FaultKind;
}

export interface StartSandboxOptions extends SeedOptions {
  port?: number;
  host?: string;
  /** Extra latency per request in ms. */
  latencyMs?: number;
  /** Where simulated users' webhook events are posted (see webhooks.ts). */
  webhookUrl?: string;
  /** Serve at most this many requests a second; the rest wait their turn (benchmarks). */
  ratePerSecond?: number;
  /** Refuse Open API / ZBS calls without a valid `appsecret_proof` header (-242 / -1241). */
  requireAppsecretProof?: boolean;
  /** Largest offset user/getlist accepts (default 9951, Zalo's); a test lowers it to reach the cap with few followers. */
  maxListOffset?: number;
}

export interface Sandbox {
  origin: string;
  urls: { openapi: string; oauth: string; zns: string };
  state: SandboxState;
  requests: LoggedRequest[];
  /** Make the next matching call(s) fail with a Zalo error code (or an HTTP status), or a transport fault. */
  failNext(rule: FailRule | FaultRule): void;
  /** Answer the next `n` authenticated calls with -32 (rate limit). */
  rateLimit(n: number, retryAfterS?: number): void;
  /** Add latency to every request. */
  setLatency(ms: number): void;
  /** Make every access token of an OA (all OAs when omitted) expire now. */
  expireTokens(alias?: string): void;
  /** Move the simulator's clock forward. */
  advance(ms: number): void;
  /** Turn the `appsecret_proof` check on or off. */
  requireAppsecretProof(on: boolean): void;
  /** Console mode for an OA's app (saved callback URL + one code challenge); `undefined` = default mode. */
  oauthConsole(settings: OauthConsole | undefined, alias?: string): void;
  oa(alias?: string): OaState;
  /** Simulated users acting (write, follow, submit info) and the signed webhooks they cause. */
  webhooks: SandboxWebhooks;
  /** Requests whose path ends with `suffix`. */
  calls(suffix: string): LoggedRequest[];
  close(): Promise<void>;
}

const FAMILIES: Family[] = ['openapi', 'oauth', 'zns'];

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const state = createSeededState(options);
  if (options.maxListOffset !== undefined) state.maxListOffset = options.maxListOffset;
  const requests: LoggedRequest[] = [];
  const failRules: Array<FailRule | FaultRule> = [];
  let latencyMs = options.latencyMs ?? 0;
  // A gateway that queues beyond its rate: each request takes the next free slot.
  let nextSlot = 0;
  const pace = async () => {
    if (!options.ratePerSecond) return;
    const now = Date.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + 1000 / options.ratePerSecond;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  };
  const webhooks = webhooksOf(state);
  webhooks.url = options.webhookUrl;
  let requireProof = options.requireAppsecretProof ?? false;
  const routes = new Map<string, Route>(ALL_ROUTES.map((r) => [`${r.family} ${r.method} ${r.path}`, r]));

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      send(res, 500, { error: -1, message: `sandbox internal error: ${(e as Error).message}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await pace();
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const family = FAMILIES.find((f) => url.pathname.startsWith(`/${f}/`));
    const path = family ? url.pathname.slice(family.length + 1) : url.pathname;
    const rawBody = await readBody(req);
    const sim = await parseRequest(req, family ?? 'openapi', path, url.searchParams, rawBody);
    const entry: LoggedRequest = {
      method: sim.method, family: sim.family, path, query: Object.fromEntries(url.searchParams), data: sim.data,
      body: sim.body, files: [...sim.files.keys()], headers: req.headers, error: 0,
    };
    requests.push(entry);

    const route = family && routes.get(`${family} ${req.method} ${path}`);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('You are accessing an empty or invalid API');
      return;
    }
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const code = (body as { error?: unknown })?.error;
      entry.error = typeof code === 'number' ? code : 0;
      send(res, status, body, headers);
    };
    try {
      const now = state.now();
      let oa = [...state.oas.values()].find((o) => o.account.isDefault)!;
      if (route.auth ?? route.family !== 'oauth') {
        const token = req.headers['access_token'];
        const info = typeof token === 'string' ? state.accessTokens.get(token) : undefined;
        if (!info || info.expiresAt <= now) throw new SimError(-216, 'Access token is invalid');
        oa = state.oas.get(info.oaId)!;
        if (requireProof && !validProof(req.headers['appsecret_proof'], token as string, oa.account.appSecret)) {
          throw family === 'zns' ? new SimError(-1241, 'appsecret_proof is invalid') : new SimError(-242, 'Invalid appsecret_proof');
        }
      }
      entry.oa = oa.account.alias;
      const fault = takeFault(path);
      if (fault && 'fault' in fault) {
        const answer = PROCESSED.has(fault.fault) ? await answerOf(() => route.handle({ req: sim, oa, sim: state, now })) : undefined;
        entry.error = fault.code ?? (answer ? (JSON.parse(answer.body) as { error?: number }).error ?? 0 : -1);
        await applyFault({ ...fault, kind: fault.fault }, res, answer);
        return;
      }
      if (fault?.lose) {
        try {
          await route.handle({ req: sim, oa, sim: state, now });
        } catch (e) {
          if (!(e instanceof SimError)) throw e; // a refusal is lost just the same
        }
        entry.error = 0;
        if (fault.lose !== 'hang') res.socket?.destroy();
        return;
      }
      if (fault) {
        if (fault.httpStatus) {
          entry.error = fault.code;
          res.writeHead(fault.httpStatus, { 'content-type': 'text/html', ...(fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {}) }).end('<html>upstream error</html>');
          return;
        }
        const headers: Record<string, string> = fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {};
        reply(200, { error: fault.code, message: fault.message ?? `Simulated error ${fault.code}` }, headers);
        return;
      }
      const result = await route.handle({ req: sim, oa, sim: state, now });
      if (result instanceof RawReply) reply(result.status, result.body, result.headers);
      else reply(200, { error: 0, message: 'Success', ...(result === undefined ? {} : { data: result }) });
    } catch (e) {
      if (e instanceof SimError) reply(200, { error: e.code, message: e.message, ...e.extra });
      else throw e;
    }
  }

  function takeFault(path: string): FailRule | FaultRule | undefined {
    const i = failRules.findIndex((r) => !r.path || path.endsWith(r.path));
    if (i < 0) return undefined;
    const rule = failRules[i]!;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) failRules.splice(i, 1);
    return rule;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    origin,
    urls: sandboxUrls(origin),
    state,
    requests,
    failNext: (rule) => failRules.push({ times: 1, ...rule }),
    rateLimit: (n, retryAfterS) => failRules.push({ code: -32, message: 'Your application reached limit call api', times: n, retryAfterS }),
    setLatency: (ms) => { latencyMs = ms; },
    expireTokens(alias) {
      for (const t of state.accessTokens.values()) {
        if (!alias || state.oas.get(t.oaId)?.account.alias === alias) t.expiresAt = state.now();
      }
    },
    requireAppsecretProof: (on) => { requireProof = on; },
    oauthConsole(settings, alias) {
      const oa = [...state.oas.values()].find((o) => (alias ? o.account.alias === alias : o.account.isDefault));
      if (!oa) throw new Error(`sandbox has no OA ${alias}`);
      setOauthConsole(oa, settings);
    },
    advance(ms) {
      state.clockOffsetMs += ms;
    },
    oa(alias) {
      const found = [...state.oas.values()].find((o) => (alias ? o.account.alias === alias : o.account.isDefault));
      if (!found) throw new Error(`sandbox has no OA ${alias}`);
      return found;
    },
    webhooks,
    calls: (suffix) => requests.filter((r) => r.path.endsWith(suffix)),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** hex(HMAC-SHA256(access_token, key = app secret)), compared in constant time. */
function validProof(given: unknown, token: string, appSecret: string): boolean {
  const want = createHmac('sha256', appSecret).update(token).digest();
  const got = typeof given === 'string' && /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, 'hex') : undefined;
  return got !== undefined && timingSafeEqual(got, want);
}

/** What a route would have answered, as status, JSON text and headers (for faults that mangle it). */
async function answerOf(run: () => unknown): Promise<RouteAnswer> {
  try {
    const result = await run();
    if (result instanceof RawReply) return { status: result.status, body: JSON.stringify(result.body), headers: result.headers };
    return { status: 200, body: JSON.stringify({ error: 0, message: 'Success', ...(result === undefined ? {} : { data: result }) }), headers: {} };
  } catch (e) {
    if (e instanceof SimError) return { status: 200, body: JSON.stringify({ error: e.code, message: e.message, ...e.extra }), headers: {} };
    throw e;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  if (status >= 300 && status < 400) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseRequest(req: IncomingMessage, family: Family, path: string, query: URLSearchParams, raw: Buffer): Promise<SimRequest> {
  const type = String(req.headers['content-type'] ?? '');
  let body: Record<string, unknown> = {};
  const files = new Map<string, UploadedFile>();
  if (type.startsWith('multipart/form-data')) {
    // The WHATWG Request parser handles multipart for us; no extra dependency.
    const form = await new Request('http://sandbox/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(raw) }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') body[key] = value;
      else files.set(key, { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  } else if (raw.length) {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
  }
  let data: Record<string, unknown> = {};
  const dataParam = query.get('data');
  if (dataParam) {
    try {
      data = JSON.parse(dataParam) as Record<string, unknown>;
    } catch {
      data = {};
    }
  }
  return { method: req.method ?? 'GET', family, path, query, data, body, files, headers: req.headers };
}
