/**
 * Several processes (HTTP replicas, `login` beside a server) save to one token file at once:
 * the lock file must keep every OA's pair. Real child processes on the built store.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FileTokenStore } from '../../src/zalo/token-store.js';

const run = promisify(execFile);
const storeModule = resolve('dist/zalo/token-store.js');

/** A child process that saves `count` pairs under aliases `<prefix>0..n`. */
function writer(file: string, prefix: string, count: number) {
  const script = `
    const { FileTokenStore } = await import(${JSON.stringify(storeModule)});
    const store = new FileTokenStore(${JSON.stringify(file)});
    for (let i = 0; i < ${count}; i++) {
      await store.save('${prefix}' + i, { access_token: 'a'.repeat(20), refresh_token: '${prefix}-rt-' + i, access_expires_at: 1, updated_at: Date.now() });
    }`;
  return run(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
}

describe('token file shared by several processes', () => {
  it('keeps every OA written by four processes saving at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zalo-lock-'));
    const file = join(dir, 'tokens.json');
    await Promise.all(['a', 'b', 'c', 'd'].map((p) => writer(file, p, 15)));
    const oas = JSON.parse(readFileSync(file, 'utf8')).oas as Record<string, { refresh_token: string }>;
    expect(Object.keys(oas)).toHaveLength(60);
    expect(oas.c7!.refresh_token).toBe('c-rt-7');
    expect(readdirSync(dir).filter((f) => f !== 'tokens.json')).toEqual([]); // no lock or temp file left
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 40_000);

  it('breaks a lock abandoned by a crashed process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zalo-lock-'));
    const file = join(dir, 'tokens.json');
    writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await new FileTokenStore(file).save('shop', { access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: 1, updated_at: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8')).oas.shop.refresh_token).toBe('r'.repeat(20));
  });
});
