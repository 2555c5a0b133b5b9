/**
 * `--http`: MCP over Streamable HTTP at /mcp (node:http + the SDK transport). Stateful by default
 * (an `Mcp-Session-Id` per client, one McpServer per session over the shared runtime); `stateless`
 * makes every POST self-contained so replicas behind a load balancer need no sticky sessions.
 * Every /mcp request passes the Host/Origin and bearer checks (guard.ts) and a body size limit;
 * GET /healthz answers without auth and says nothing but `{"ok":true}`.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ConfigError } from '../config.js';
import type { Runtime } from '../runtime.js';
import { createServer, SERVER_NAME } from '../server.js';
import { checkRequest, isLoopbackHost, type GuardOptions } from './guard.js';
import { SessionLogRouter } from './log-router.js';
import { SessionTable } from './sessions.js';
import { createWebhookHandler } from './webhook.js';

export interface HttpOptions {
  /** Default 127.0.0.1. Any non-loopback address requires ZALO_MCP_HTTP_TOKEN. */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** No sessions: each POST gets a fresh server (for replicas behind a load balancer). */
  stateless?: boolean;
  /** Request body limit in bytes (default 8 MiB: a 5 MB file as base64 fits); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Close sessions idle for this long (default 30 min). */
  sessionIdleMs?: number;
  /** Open sessions in total (default 1000); at the cap a new session evicts the idlest one. */
  maxSessions?: number;
  /** Open sessions per bearer token (default 200); beyond it the token's own idlest session is evicted. */
  maxSessionsPerToken?: number;
}

export interface HttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:3000/mcp. */
  url: string;
  port: number;
  /** Open sessions (always 0 in stateless mode). */
  sessionCount(): number;
  /** Log forwarders attached now (one per live McpServer); a leak shows here. */
  logSinks(): number;
  close(): Promise<void>;
}


const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** Start listening; throws ConfigError (one line) for a refused configuration or a busy port. */
export async function startHttpServer(runtime: Runtime, options: HttpOptions = {}): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host.replace(/^\[|\]$/g, ''));
  const { config, log } = runtime;
  const tokens = [...(config.httpToken ? [{ name: 'default', token: config.httpToken }] : []), ...(config.httpTokens ?? [])];
  if (!loopback && tokens.length === 0) {
    throw new ConfigError(`ZALO_MCP_HTTP_TOKEN is missing: it is required to listen on ${host} (not a loopback address); set a random token of at least 16 characters (or ZALO_MCP_HTTP_TOKENS=name:token,…), or use --host 127.0.0.1`);
  }
  const guard: GuardOptions = { loopback, allowedOrigins: config.allowedOrigins, tokens };
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const sessions = new SessionTable(options.maxSessions ?? 1000, options.maxSessionsPerToken ?? 200);
  const logs = new SessionLogRouter(log);
  const serverFor = (scope: string) => createServer(runtime, { session: scope, addLogSink: (sink, wants) => logs.add(scope, sink, wants) });
  // Zalo cannot send our bearer token: the webhook authenticates by its signature instead.
  const webhook = createWebhookHandler(runtime);

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('http request failed', { error: (e as Error).message ?? String(e) });
      if (!res.headersSent) reply(res, 500, rpcError(-32603, 'Internal server error'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every MCP request asks for exactly /mcp: parse only what is not that.
    const path = req.url === '/mcp' ? req.url : new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      if (req.method === 'GET' || req.method === 'HEAD') reply(res, 200, { ok: true });
      else reply(res, 405, rpcError(-32000, 'Method not allowed'), { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/webhook') return webhook(req, res);
    if (path !== '/mcp') {
      reply(res, 404, rpcError(-32000, 'Not found'));
      return;
    }
    const checked = checkRequest(req.headers, guard);
    if ('status' in checked) {
      const refused = checked;
      log.debug('http request refused', { status: refused.status, reason: refused.message });
      const headers: Record<string, string> = refused.status === 401 ? { 'www-authenticate': `Bearer realm="${SERVER_NAME}"` } : {};
      reply(res, refused.status, rpcError(-32001, refused.message), headers);
      return;
    }
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJson(req, maxBody);
      if (!read.ok) {
        reply(res, read.status, rpcError(read.code, read.message), read.status === 413 ? { connection: 'close' } : {});
        if (read.status === 413) req.resume();
        return;
      }
      body = read.value;
    }
    if (options.stateless) await handleStateless(req, res, body);
    else await handleStateful(req, res, body, checked.owner);
  }

  async function handleStateless(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    if (req.method !== 'POST') {
      reply(res, 405, rpcError(-32000, 'Method not allowed: this server is stateless, use POST'), { allow: 'POST' });
      return;
    }
    const scope = randomUUID();
    const server = serverFor(scope);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async function handleStateful(req: IncomingMessage, res: ServerResponse, body: unknown, owner: string | undefined): Promise<void> {
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const session = sessions.get(sid);
      // Another token's session answers exactly like an unknown one: its existence is not revealed.
      if (!session || session.owner !== owner) {
        reply(res, 404, rpcError(-32001, 'Session not found: initialize a new session'));
        return;
      }
      session.lastSeen = Date.now();
      if (req.method === 'POST') {
        session.active++;
        res.once('close', () => {
          session.active--;
          session.lastSeen = Date.now();
        });
      }
      await session.transport.handleRequest(req, res, body);
      return;
    }
    if (req.method !== 'POST' || !isInitialization(body)) {
      reply(res, 400, rpcError(-32000, 'Bad Request: missing Mcp-Session-Id header (send initialize first)'));
      return;
    }
    const evicted = sessions.makeRoom(owner);
    if (evicted === false) {
      reply(res, 503, rpcError(-32000, 'Too many open sessions, all busy: try again later'), { 'retry-after': '60' });
      return;
    }
    if (evicted) log.info('http session evicted to make room', { owner: evicted.owner ?? 'anonymous', idle_s: Math.round((Date.now() - evicted.lastSeen) / 1000) });
    const scope = randomUUID();
    const server = serverFor(scope);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.add(id, { transport, server, scope, owner, lastSeen: Date.now(), active: 0 });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    // Set before connect(): the SDK chains its own onclose after ours.
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    sessions.pending++;
    try {
      await transport.handleRequest(req, res, body);
    } finally {
      sessions.pending--;
    }
    // The transport refused the initialize (e.g. 406, bad params): no session, so nothing may outlive the request.
    if (!transport.sessionId || !sessions.get(transport.sessionId)) await server.close().catch(() => undefined);
  }

  const sweeper = setInterval(() => {
    for (const s of sessions.idleSince(Date.now() - idleMs)) void s.server.close().catch(() => undefined);
  }, Math.min(60_000, idleMs));
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new ConfigError(`port ${options.port ?? 3000} on ${host} is already in use: pick another with --port`) : e);
    });
    http.listen(options.port ?? 3000, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  log.info(`MCP over Streamable HTTP on http://${urlHost}:${port}/mcp (${options.stateless ? 'stateless' : 'sessions'}${tokens.length ? `, bearer token required (${tokens.map((t) => t.name).join(', ')})` : ', no token: loopback only'})`);

  return {
    url: `http://${urlHost}:${port}/mcp`,
    port,
    sessionCount: () => sessions.size,
    logSinks: () => logs.size(),
    async close() {
      clearInterval(sweeper);
      const open = sessions.clear();
      await Promise.all(open.map((s) => s.server.close().catch(() => undefined)));
      logs.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function isInitialization(body: unknown): boolean {
  return Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
}

type ReadResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: number; message: string };

function readJson(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  const tooLarge: ReadResult = { ok: false, status: 413, code: -32600, message: `Request body too large (limit ${maxBytes} bytes)` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve({ ok: false, status: 400, code: -32700, message: 'Parse error: the body is not valid JSON' });
      }
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
