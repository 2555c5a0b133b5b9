/**
 * A sandbox server with a movable clock, a real MCP client on it, and the webhook receiver of the
 * same process (as in `--http`), so a test posts Zalo-signed events and reads what tools see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startWebhookServer } from '../../../src/cli/webhook.js';
import { silentLogger } from '../../../src/log.js';
import { startRuntime, type Runtime } from '../../../src/runtime.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { createServer } from '../../../src/server.js';
import { storeFor } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { postEvent, SHOP } from '../../webhook/helpers.js';

export interface InboxContext {
  client: Client;
  runtime: Runtime;
  sim: Sandbox;
  clock: { now: number };
  store(): Promise<Store>;
  /** Post a Zalo-signed event (timestamp = the clock unless given); expects 200. */
  event(body: Record<string, unknown>): Promise<void>;
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startInbox(sandbox: { followers?: number } = {}): Promise<InboxContext> {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-inbox-'));
  const clock = { now: Date.now() };
  const runtime = await startRuntime({
    env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_TOOLSETS: 'all', ZALO_WEBHOOK_SECRET: 'test-oa-secret-key-0123456789' },
    dotenvPath: null,
    log: silentLogger,
    sandboxOptions: sandbox,
    clientOptions: { retryBaseMs: 5 },
  });
  const webhook = await startWebhookServer(runtime, { port: 0, now: () => clock.now });
  const server = createServer({ ...runtime, now: () => clock.now });
  const client = new Client({ name: 'inbox-test', version: '1.0.0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(b), client.connect(a)]);
  let seq = 0;
  return {
    client, runtime, sim: runtime.sandbox!, clock,
    store: () => storeFor(runtime.config),
    async event(body) {
      const full = { app_id: SHOP.appId, timestamp: String(clock.now), ...body };
      const res = await postEvent(webhook.url, full, { key: 'test-oa-secret-key-0123456789' });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      seq++;
    },
    async ok(name, args = {}) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (r.isError) throw new Error(`${name} failed: ${(r.content[0] as { text: string }).text}`);
      return r.structuredContent as never;
    },
    async close() {
      await client.close();
      await server.close();
      await webhook.close();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
/** user_send_text from `userId`. */
export const userSays = (userId: string, text: string, msgId = `in-${process.pid}-${++n}`) => ({
  event_name: 'user_send_text', sender: { id: userId }, recipient: { id: SHOP.oaId }, message: { msg_id: msgId, text },
});
