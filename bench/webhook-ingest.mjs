#!/usr/bin/env node
// Webhook ingest: signed user_send_text events POSTed by C concurrent senders to the receiver
// (`zalo-oa-mcp webhook`, in process), verified and stored; events per second. Run `npm run build` first.
// Usage: node bench/webhook-ingest.mjs [--events 5000] [--concurrency 32] [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebhookServer } from '../dist/cli/webhook.js';
import { signWebhook } from '../dist/http/webhook-verify.js';
import { silentLogger } from '../dist/log.js';
import { startRuntime } from '../dist/runtime.js';
import { figure, postWebhooks, QUICK } from './lib.mjs';

const { values } = parseArgs({ options: { events: { type: 'string' }, concurrency: { type: 'string' }, quick: { type: 'boolean' } } });
const total = Number(values.events ?? (QUICK ? 500 : 5000));
const concurrency = Number(values.concurrency ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-webhook-'));
try {
  const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_STORE_PATH: join(dir, 'store.sqlite') }, dotenvPath: null, log: silentLogger });
  const server = await startWebhookServer(runtime, { port: 0, maxInFlight: concurrency * 2 });
  const url = new URL(server.url);
  const { appId } = runtime.config.accounts[0];
  const { perSecond, statuses } = await postWebhooks(total, concurrency, (i) => {
    const event = { app_id: appId, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: `15${String(i % 500).padStart(17, '0')}` }, recipient: { id: '1' }, message: { msg_id: `bench-${i}`, text: `tin nhắn ${i}` } };
    const raw = JSON.stringify(event);
    return { url, raw, signature: signWebhook(appId, raw, event.timestamp, runtime.config.webhookSecret) };
  });
  figure('webhook_ingest', perSecond, 'events/s', null, { events: total, concurrency, statuses });
  await server.close();
  await runtime.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
