#!/usr/bin/env node
// Webhook ingest: signed user_send_text events POSTed by C concurrent senders to the receiver
// (`zalo-oa-mcp webhook`, in process), verified and stored; events per second. Run `npm run build` first.
// Usage: node bench/webhook-ingest.mjs [--events 5000] [--concurrency 32] [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebhookServer } from '../dist/cli/webhook.js';
import { signWebhook } from '../dist/http/webhook-verify.js';
import { silentLogger } from '../dist/log.js';
import { startRuntime } from '../dist/runtime.js';
import { figure, QUICK } from './lib.mjs';

const { values } = parseArgs({ options: { events: { type: 'string' }, concurrency: { type: 'string' }, quick: { type: 'boolean' } } });
const total = Number(values.events ?? (QUICK ? 500 : 5000));
const concurrency = Number(values.concurrency ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-webhook-'));
try {
  const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_STORE_PATH: join(dir, 'store.sqlite') }, dotenvPath: null, log: silentLogger });
  const server = await startWebhookServer(runtime, { port: 0, maxInFlight: concurrency * 2 });
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { appId } = runtime.config.accounts[0];
  const post = (i) => new Promise((resolve, reject) => {
    const event = { app_id: appId, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: `15${String(i % 500).padStart(17, '0')}` }, recipient: { id: '1' }, message: { msg_id: `bench-${i}`, text: `tin nhắn ${i}` } };
    const raw = JSON.stringify(event);
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), 'x-zevent-signature': signWebhook(appId, raw, event.timestamp, runtime.config.webhookSecret) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(raw);
  });
  let next = 0;
  const codes = {};
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const code = await post(next++);
      codes[code] = (codes[code] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  figure('webhook_ingest', total / seconds, 'events/s', null, { events: total, concurrency, statuses: codes });
  agent.destroy();
  await server.close();
  await runtime.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
