import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { closeStore, storeFor, storeOpened } from '../../src/store/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './contract.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-store-test-'));
  dirs.push(d);
  return d;
};
const cleanup = async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

let lastPath = '';
storeContract('sqlite', {
  open: () => openSqliteStore((lastPath = join(tempDir(), 'store.sqlite'))),
  openAnother: () => openSqliteStore(lastPath),
  cleanup,
});

describe('SQLite store', () => {
  afterEach(cleanup);

  it('creates a private file in WAL mode, migrated to the latest schema, and keeps data across reopen', async () => {
    const path = join(tempDir(), 'nested', 'store.sqlite');
    const store = await openSqliteStore(path);
    await store.addEvent({ oa: 'shop', dedupeKey: 'k', eventName: 'follow', time: 1, receivedAt: 1, raw: '{}' });
    await store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
    const again = await openSqliteStore(path);
    expect((await again.listEvents({ oa: 'shop', offset: 0, count: 5 })).total).toBe(1);
    await again.close();
  });

  it('refuses a store written by a newer schema instead of damaging it', async () => {
    const path = join(tempDir(), 'store.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    db.close();
    await expect(openSqliteStore(path)).rejects.toThrow(/newer zalo-oa-mcp/);
  });

  it('opens lazily, and a sandbox store lives in the run\'s temporary folder, removed on close', async () => {
    const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1' }, dotenvPath: null, log: silentLogger });
    const { config } = runtime;
    expect(config.tempDir).toBeDefined();
    expect(dirname(config.storePath)).toBe(config.tempDir);
    expect(storeOpened(config)).toBe(false);
    expect(existsSync(config.storePath)).toBe(false);
    const store = await storeFor(config);
    expect(await storeFor(config)).toBe(store);
    expect(existsSync(config.storePath)).toBe(true);
    await runtime.close();
    expect(storeOpened(config)).toBe(false);
    expect(existsSync(config.tempDir!)).toBe(false);
  });

  it('puts a configured store at ZALO_STORE_PATH and leaves it on close', async () => {
    const path = join(tempDir(), 'kept.sqlite');
    const config = loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_STORE_PATH: path, ZALO_TOKEN_FILE: join(tempDir(), 't.json') }, dotenvPath: null });
    await storeFor(config);
    await closeStore(config);
    expect(existsSync(path)).toBe(true);
  });
});
