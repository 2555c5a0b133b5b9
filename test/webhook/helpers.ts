/** A sandbox runtime with the webhook receiver alone on 127.0.0.1:0, and Zalo-like signed posts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookServer, type WebhookServer } from '../../src/cli/webhook.js';
import { signWebhook } from '../../src/http/webhook-verify.js';
import { createLogger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { storeFor } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

export const SECRET = 'test-oa-secret-key-0123456789';
export const SHOP = SANDBOX_ACCOUNTS[0]!;

export interface WebhookContext {
  runtime: Runtime;
  server: WebhookServer;
  url: string;
  logs: string[];
  store(): Promise<Store>;
  close(): Promise<void>;
}

export async function startWebhook(options: { now?: () => number; maxInFlight?: number; maxBodyBytes?: number } = {}): Promise<WebhookContext> {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-webhook-'));
  const logs: string[] = [];
  const runtime = await startRuntime({
    env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_WEBHOOK_SECRET: SECRET },
    dotenvPath: null,
    log: createLogger('debug', (l) => logs.push(l)),
  });
  const server = await startWebhookServer(runtime, { port: 0, ...options });
  return {
    runtime, server, url: server.url, logs,
    store: () => storeFor(runtime.config),
    async close() {
      await server.close();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A user_send_text event as Zalo sends it (all ids strings). */
export function userText(text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    app_id: SHOP.appId, user_id_by_app: '55', event_name: 'user_send_text', timestamp: String(Date.now()),
    sender: { id: '1400000000000000001' }, recipient: { id: SHOP.oaId }, message: { msg_id: `m-${process.pid}-${seq}`, text }, ...over,
  };
}

export interface PostOptions {
  key?: string;
  first?: string;
  headers?: Record<string, string>;
  /** Replace the signature header. */
  signature?: string;
}

/** POST an event signed like Zalo: sha256(app_id + raw body + timestamp + key). */
export function postEvent(url: string, event: Record<string, unknown>, o: PostOptions = {}): Promise<Response> {
  const raw = JSON.stringify(event);
  const signature = o.signature ?? signWebhook(o.first ?? String(event.app_id ?? SHOP.appId), raw, String(event.timestamp), o.key ?? SECRET);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': signature, ...o.headers }, body: raw });
}
