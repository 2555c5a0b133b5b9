/** A sandbox runtime served over real HTTP (startHttpServer on 127.0.0.1:0) and small fetch helpers. */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer, type HttpOptions, type HttpServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/log.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { tempDir } from '../tmp.js';

export const TOKEN = 'test-http-token-0123456789abcdef';

export interface HttpContext {
  runtime: Runtime;
  /** Log forwarders attached right now: one per live McpServer (each forwards log lines to its client). */
  liveSinks(): number;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

export interface StartHttpOptions extends HttpOptions {
  env?: Record<string, string>;
  /** Adjust the runtime's configuration, e.g. point it at another context's simulator (replicas). */
  override?: RuntimeOptions['override'];
  /** The runtime's logger (default: one that prints nothing). */
  log?: Logger;
}

export async function startHttp(options: StartHttpOptions = {}): Promise<HttpContext> {
  const { env, override, log: given, ...httpOptions } = options;
  // Own logger per context; nothing printed. Counting forwarders shows leaked servers.
  const log: Logger = given ?? createLogger('error', () => undefined);
  const dir = tempDir('zalo-oa-mcp-http-');
  const runtime = await startRuntime({
    env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_TOOLSETS: 'all', ZALO_MCP_HTTP_TOKEN: TOKEN, ...env },
    dotenvPath: null,
    log,
    clientOptions: { retryBaseMs: 5 },
    override,
  });
  const http = await startHttpServer(runtime, { port: 0, ...httpOptions });
  return {
    runtime,
    liveSinks: () => http.logSinks(),
    http,
    url: http.url,
    async close() {
      await http.close();
      await runtime.close();
    },
  };
}

export const initialize = (id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'matrix', version: '1.0.0' } },
});

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON-RPC messages of a response, whether it came as JSON or as an SSE stream. */
export async function messages(res: Response): Promise<any[]> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    return text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).filter(Boolean).map((d) => JSON.parse(d));
  }
  return text ? [JSON.parse(text)] : [];
}

export const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` });

/** A real SDK client over Streamable HTTP, sending the bearer token. */
export async function connectClient(url: string, token: string | undefined = TOKEN): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: token ? bearer(token) : {} } });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}
