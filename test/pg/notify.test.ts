/**
 * The cross-replica change feed (src/store/pg-notify.ts) on a real PostgreSQL: what a NOTIFY
 * carries (ids, never message text), that a replayed change is not published again, and that an
 * OA's own send on one runtime reaches the subscribed client of another runtime on the database.
 */
import { EventEmitter } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import type { Db } from '../../scripts/pg-faults/trials.mjs';
import type { Config } from '../../src/config.js';
import { createLogger, silentLogger } from '../../src/log.js';
import type { StoreEvents } from '../../src/store/index.js';
import { ingestEvent, type Emit } from '../../src/store/ingest.js';
import { CHANGES_CHANNEL, listenForChanges, publishChanges, stopListening } from '../../src/store/pg-notify.js';
import { openPgStore } from '../../src/store/pg.js';
import type { EventEffect } from '../../src/store/types.js';
import { createTestContext } from '../harness.js';

let db: Db;
beforeAll(async () => { db = await startPostgres(); }, 60_000);
afterAll(async () => { await db?.close(); }, 30_000);

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
};
const emitOn = (events: EventEmitter<StoreEvents>): Emit => (name, ...args) => (events.emit as (n: string, ...a: unknown[]) => boolean)(name, ...args);

describe('PostgreSQL change feed', () => {
  it('a stored message is announced with ids only; another process replays it once and does not announce it again', async () => {
    const url = await db.freshUrl('n');
    const spy = new pg.Client({ connectionString: url });
    await spy.connect();
    const payloads: string[] = [];
    spy.on('notification', (n) => payloads.push(n.payload ?? ''));
    await spy.query(`LISTEN ${CHANGES_CHANNEL}`);

    const [a, b] = [new EventEmitter<StoreEvents>(), new EventEmitter<StoreEvents>()];
    const storeA = publishChanges(await openPgStore(url), a);
    const storeB = publishChanges(await openPgStore(url), b);
    const configB = { databaseUrl: url } as Config;
    const onB: Array<StoreEvents['message'][0]> = [];
    b.on('message', (e) => onB.push(e));
    const onA: Array<StoreEvents['message'][0]> = [];
    a.on('message', (e) => onA.push(e));
    try {
      expect(await listenForChanges(configB, b, silentLogger).ready(5_000)).toBe(true);
      const body = { app_id: '1', event_name: 'user_send_text', sender: { id: '7001' }, message: { msg_id: 'mid-1', text: 'mật khẩu của tôi là hunter2' }, timestamp: String(Date.now()) };
      expect(await ingestEvent(storeA, 'shop', body, JSON.stringify(body), Date.now(), emitOn(a))).toBe(true);
      expect(await until(() => onB.length > 0)).toBe(true);
      expect(onB).toEqual([{ oa: 'shop', userId: '7001', messageId: 'mid-1', direction: 'in' }]);
      await new Promise((r) => setTimeout(r, 300));
      // One NOTIFY (B's replay is not published again), holding no text.
      expect(payloads).toHaveLength(1);
      expect(JSON.parse(payloads[0]!)).toEqual({ k: 'message', oa: 'shop', u: '7001', m: 'mid-1', d: 'in', from: expect.any(String) });
      expect(payloads[0]).not.toContain('hunter2');
      expect(onA).toHaveLength(1);

      // A template status change travels too (each replica drops its cached template).
      const templates: unknown[] = [];
      b.on('template', (e) => templates.push(e));
      const status = { app_id: '1', event_name: 'change_template_status', template_id: '321', status: { new_status: 'ENABLE' }, timestamp: String(Date.now()) };
      await ingestEvent(storeA, 'shop', status, JSON.stringify(status), Date.now(), emitOn(a));
      expect(await until(() => templates.length > 0)).toBe(true);
      expect(templates).toEqual([{ oa: 'shop', templateId: '321' }]);

      // An id too large for a NOTIFY (PostgreSQL's 8000 bytes) is stored, just not announced.
      const huge = { ...body, sender: { id: '9'.repeat(9000) }, message: { msg_id: 'mid-2', text: 'x' } };
      expect(await ingestEvent(storeA, 'shop', huge, JSON.stringify(huge), Date.now(), emitOn(a))).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(payloads).toHaveLength(2);

      // An event whose store transaction rolls back (its last effect breaks a CHECK) is never announced.
      const broken = { kind: 'message', message: { messageId: 'bad', userId: '7001', direction: 'sideways', type: 'text', time: 1, source: 'webhook' } } as unknown as EventEffect;
      const change = { name: 'message' as const, event: { oa: 'shop', userId: '7001', messageId: 'mid-3', direction: 'in' as const } };
      await expect(storeA.ingest({ oa: 'shop', dedupeKey: 'msg:user_send_text:mid-3', eventName: 'user_send_text', userId: '7001', time: 1, receivedAt: 1, raw: '{}' }, [broken], [change])).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 300));
      expect(payloads).toHaveLength(2);
      expect(onB.map((e) => e.messageId)).toEqual(['mid-1']);
    } finally {
      await stopListening(configB);
      await Promise.all([storeA.close(), storeB.close(), spy.end()]);
    }
  });

  it('a send from a session on replica A notifies the client subscribed to that conversation on replica B', async () => {
    const url = await db.freshUrl('n');
    const a = await createTestContext({ env: { ZALO_DATABASE_URL: url } });
    const b = await createTestContext({ env: { ZALO_DATABASE_URL: url }, override: (c) => ({ ...c, urls: a.config.urls }) });
    try {
      const user = [...a.sim.oa().followers.values()][0]!.user_id;
      await a.sim.webhooks.userSends(a.sim.oa(), user, 'Shop ơi'); // opens the reply window (no receiver is set)
      const uri = `zalo://oa/shop/conversations/${user}`;
      const updates: string[] = [];
      b.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
      await b.client.subscribeResource({ uri });
      await a.ok('messages_send_text', { user_id: user, text: 'Dạ shop đây ạ' });
      expect(await until(() => updates.length > 0)).toBe(true);
      expect(updates).toEqual([uri]);
      const page = JSON.parse(((await b.client.readResource({ uri })).contents[0] as { text: string }).text);
      expect(page.items[0]).toMatchObject({ from: 'oa' });
    } finally {
      await b.close();
      await a.close();
    }
  }, 30_000);

  it('a LISTEN connection that goes silent (no FIN, no RST) is noticed by the heartbeat and replaced; changes arrive again', async () => {
    const url = await db.freshUrl('n');
    const target = new URL(url);
    // A TCP relay to PostgreSQL that can stop forwarding without closing anything, like a dead NAT entry.
    const pairs: Array<[Socket, Socket]> = [];
    const relay = createServer((down) => {
      const up = connect(Number(target.port), target.hostname);
      for (const s of [down, up]) s.on('error', () => undefined);
      down.pipe(up);
      up.pipe(down);
      pairs.push([down, up]);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const via = new URL(url);
    via.port = String((relay.address() as AddressInfo).port);
    const config = { databaseUrl: via.href } as Config;
    const [here, there] = [new EventEmitter<StoreEvents>(), new EventEmitter<StoreEvents>()];
    const got: string[] = [];
    here.on('message', (e) => got.push(e.messageId));
    const lines: string[] = [];
    const listener = listenForChanges(config, here, createLogger('debug', (l) => lines.push(l)), { heartbeatMs: 100, heartbeatTimeoutMs: 300 });
    const store = publishChanges(await openPgStore(url), there);
    try {
      expect(await listener.ready(5_000)).toBe(true);
      const first = listener.pid();
      for (const [down, up] of pairs.splice(0)) {
        down.unpipe(up);
        up.unpipe(down);
      }
      expect(await until(() => listener.pid() !== undefined && listener.pid() !== first)).toBe(true);
      expect(lines.join('\n')).toMatch(/change listener lost its connection \(no answer to a heartbeat\)/);
      expect(lines.join('\n')).not.toContain(db.password);
      there.emit('message', { oa: 'shop', userId: '7001', messageId: 'after-silence', direction: 'in' });
      expect(await until(() => got.length > 0)).toBe(true);
      expect(got).toEqual(['after-silence']);
    } finally {
      await stopListening(config);
      await store.close();
      for (const s of pairs.flat()) s.destroy();
      relay.close();
    }
  });
});
