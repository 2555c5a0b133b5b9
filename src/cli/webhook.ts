/**
 * `zalo-oa-mcp webhook --port N`: the webhook receiver alone (POST /webhook, GET /healthz), for
 * an OA whose MCP clients use stdio but whose events should still be kept. It never calls Zalo,
 * so it needs no tokens; it shares the store file (ZALO_STORE_PATH) with the MCP servers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config.js';
import { createWebhookHandler, type WebhookOptions } from '../http/webhook.js';
import type { Runtime } from '../runtime.js';

export interface WebhookServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookServer(runtime: Runtime, options: { host?: string; port?: number } & WebhookOptions = {}): Promise<WebhookServer> {
  const host = options.host ?? '127.0.0.1';
  const handler = createWebhookHandler(runtime, options);
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/webhook') return void handler(req, res);
    const status = path === '/healthz' ? 200 : 404;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { ok: true } : { error: 'not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new ConfigError(`port ${options.port ?? 3000} on ${host} is already in use: pick another with --port`) : e));
    http.listen(options.port ?? 3000, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/webhook`;
  runtime.log.info(`webhook receiver on ${url} (store: ${runtime.config.tempDir ? 'temporary sandbox store' : runtime.config.storePath})`);
  return {
    url,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Serve until SIGINT/SIGTERM. */
export async function serveWebhook(runtime: Runtime, options: { host?: string; port?: number }): Promise<void> {
  const server = await startWebhookServer(runtime, options);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => runtime.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
