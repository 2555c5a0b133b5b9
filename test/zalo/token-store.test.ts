/**
 * FileTokenStore: the one copy of each OA's single-use refresh token. Atomic writes (temp file +
 * rename, nothing left behind), 0600, serialised read-modify-write, and a crash leftover that
 * cannot corrupt loading.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ZaloError } from '../../src/zalo/errors.js';
import { FileTokenStore, type StoredTokens } from '../../src/zalo/token-store.js';
import { tempDir } from '../tmp.js';

const pair = (tag: string, n = 0): StoredTokens => ({
  access_token: `at-${tag}-${n}-${'x'.repeat(16)}`,
  refresh_token: `rt-${tag}-${n}-${'y'.repeat(16)}`,
  access_expires_at: 1_700_000_000_000 + n,
  updated_at: 1_700_000_000_000 + n,
});

describe('FileTokenStore', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = tempDir('zalo-store-');
    path = join(dir, 'tokens.json');
  });

  it('returns nothing for a missing file and round-trips a pair', async () => {
    const store = new FileTokenStore(path);
    expect(await store.load('shop')).toBeUndefined();
    await store.save('shop', pair('shop'));
    expect(await store.load('shop')).toEqual(pair('shop'));
    expect(await new FileTokenStore(path).load('shop')).toEqual(pair('shop'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, oas: { shop: pair('shop') } });
  });

  it('writes the file 0600, creating a missing directory 0700', async () => {
    const nested = join(dir, 'a', 'b', 'tokens.json');
    await new FileTokenStore(nested).save('shop', pair('shop'));
    expect(statSync(nested).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700);
  });

  it('tightens a token file that was readable by others', async () => {
    writeFileSync(path, JSON.stringify({ version: 1, oas: { branch: pair('branch') } }));
    chmodSync(path, 0o644);
    await new FileTokenStore(path).save('shop', pair('shop'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).oas).sort()).toEqual(['branch', 'shop']);
  });

  it('keeps valid JSON and both OAs after 50 concurrent saves, leaving no temp file', async () => {
    const store = new FileTokenStore(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.save(i % 2 ? 'branch' : 'shop', pair(i % 2 ? 'branch' : 'shop', i))));
    const file = JSON.parse(readFileSync(path, 'utf8')) as { oas: Record<string, StoredTokens> };
    // Saves apply in call order: the last one of each OA wins.
    expect(file.oas).toEqual({ shop: pair('shop', 48), branch: pair('branch', 49) });
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('does not drop an OA when two stores of one process save to the same file at once', async () => {
    const a = new FileTokenStore(path);
    const b = new FileTokenStore(join(dir, '.', 'tokens.json'));
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? b.save('branch', pair('branch', i)) : a.save('shop', pair('shop', i)))));
    expect(await a.list()).toEqual({ shop: pair('shop', 48), branch: pair('branch', 49) });
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('loads the last complete file when a crash left a torn temp file beside it', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 1));
    // What a crash between write and rename leaves behind.
    const leftover = join(dir, `.tokens.json.${process.pid}.deadbeef.tmp`);
    writeFileSync(leftover, '{"version":1,"oas":{"shop":{"access_tok');
    expect(await new FileTokenStore(path).load('shop')).toEqual(pair('shop', 1));
    await store.save('shop', pair('shop', 2));
    expect(await new FileTokenStore(path).load('shop')).toEqual(pair('shop', 2));
    expect(JSON.parse(readFileSync(path, 'utf8')).oas.shop).toEqual(pair('shop', 2));
  });

  it('never exposes a half-written file to a concurrent reader', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 0));
    const reader = new FileTokenStore(path);
    const writes = Array.from({ length: 30 }, (_, i) => store.save('shop', pair('shop', i + 1)));
    const reads = Array.from({ length: 30 }, () => reader.load('shop'));
    const seen = await Promise.all(reads);
    await Promise.all(writes);
    for (const s of seen) expect(s?.refresh_token).toMatch(/^rt-shop-\d+-y+$/);
  });

  it('names the file in a clear error when it is not JSON, without printing its content', async () => {
    writeFileSync(path, '{"version":1,"oas":{"shop":{"refresh_token":"rt-secret-value-123');
    const err = await new FileTokenStore(path).load('shop').catch((e: unknown) => e as ZaloError);
    expect(err).toBeInstanceOf(ZaloError);
    expect((err as ZaloError).message).toContain(`token file ${path} is corrupt (not valid JSON)`);
    expect((err as ZaloError).message).not.toContain('rt-secret-value-123');
    expect((err as ZaloError).hint).toMatch(/zalo-oa-mcp login/);
  });
});

describe('FileTokenStore refresh lock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = tempDir('zalo-store-');
    path = join(dir, 'tokens.json');
  });

  it('rolls forward a pair a dead holder journaled but did not store, then removes the journal', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 1));
    // What a process killed between Zalo's answer and the rename leaves behind.
    writeFileSync(`${path}.shop.journal`, JSON.stringify(pair('shop', 2)));
    const seen = await store.withRefreshLock('shop', async (s) => s.current);
    expect(seen).toEqual(pair('shop', 2));
    expect(await store.load('shop')).toEqual(pair('shop', 2));
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('ignores an empty or torn journal and one older than the stored pair', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 5));
    for (const text of ['', '{"access_token":"at-', JSON.stringify(pair('shop', 3))]) {
      writeFileSync(`${path}.shop.journal`, text);
      expect(await store.withRefreshLock('shop', async (s) => s.current)).toEqual(pair('shop', 5));
      expect(readdirSync(dir)).toEqual(['tokens.json']);
    }
  });

  it('keeps the journal of a pair whose durable write failed, for the next holder', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 1));
    // The file's directory entry is replaced by a directory: the rename over it fails.
    await store.withRefreshLock('shop', async (s) => {
      rmSync(path);
      mkdirSync(path);
      await expect(s.save(pair('shop', 2))).rejects.toThrow();
    });
    expect(JSON.parse(readFileSync(`${path}.shop.journal`, 'utf8'))).toEqual(pair('shop', 2));
    rmdirSync(path);
    expect(await store.withRefreshLock('shop', async (s) => s.current)).toEqual(pair('shop', 2));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('journals the latest pair of a session: a second pair replaces the first', async () => {
    const store = new FileTokenStore(path);
    await store.save('shop', pair('shop', 1));
    await store.withRefreshLock('shop', async (s) => {
      await s.save({ ...pair('shop', 2), refresh_token: `rt-shop-2-${'y'.repeat(40)}` }); // a longer one first
      rmSync(path);
      mkdirSync(path);
      await expect(s.save(pair('shop', 3))).rejects.toThrow();
    });
    expect(JSON.parse(readFileSync(`${path}.shop.journal`, 'utf8'))).toEqual(pair('shop', 3));
    rmdirSync(path);
    expect(await store.withRefreshLock('shop', async (s) => s.current)).toEqual(pair('shop', 3));
  });

  it('serialises refreshes of one OA in one process and lets another OA through', async () => {
    const store = new FileTokenStore(path);
    const order: string[] = [];
    let release!: () => void;
    const first = store.withRefreshLock('shop', async () => {
      order.push('shop 1 in');
      await new Promise<void>((r) => { release = r; });
      order.push('shop 1 out');
    });
    await new Promise((r) => setTimeout(r, 30));
    const second = store.withRefreshLock('shop', async () => { order.push('shop 2'); });
    await store.withRefreshLock('branch', async () => { order.push('branch'); });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['shop 1 in', 'branch', 'shop 1 out', 'shop 2']);
  });

  it('says the file is corrupt for an unexpected structure, naming the path and not the content', async () => {
    for (const text of ['{"version":1,"oas":{"shop":{"refresh_token":"rt-secret-value-123"}}}', '{"oas": rt-secret-value-123}', '[]']) {
      writeFileSync(path, text);
      const err = await new FileTokenStore(path).load('shop').catch((e: unknown) => e as ZaloError);
      expect(err).toBeInstanceOf(ZaloError);
      expect((err as ZaloError).message).toMatch(new RegExp(`token file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupt`));
      expect((err as ZaloError).message).not.toContain('rt-secret-value-123');
      expect((err as ZaloError).hint).toContain(path);
    }
  });
});
