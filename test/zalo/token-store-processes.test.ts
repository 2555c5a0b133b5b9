/**
 * Several processes (HTTP replicas, `login` beside a server) save to one token file at once:
 * the lock file must keep every OA's pair. Real child processes on the built store.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ZaloError } from '../../src/zalo/errors.js';
import { lockHost } from '../../src/zalo/file-lock.js';
import { FileTokenStore } from '../../src/zalo/token-store.js';
import { tempDir } from '../tmp.js';

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
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    await Promise.all(['a', 'b', 'c', 'd'].map((p) => writer(file, p, 15)));
    const oas = JSON.parse(readFileSync(file, 'utf8')).oas as Record<string, { refresh_token: string }>;
    expect(Object.keys(oas)).toHaveLength(60);
    expect(oas.c7!.refresh_token).toBe('c-rt-7');
    expect(readdirSync(dir).filter((f) => f !== 'tokens.json')).toEqual([]); // no lock or temp file left
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 40_000);

  it('breaks a lock abandoned by a crashed process', async () => {
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await new FileTokenStore(file).save('shop', { access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: 1, updated_at: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8')).oas.shop.refresh_token).toBe('r'.repeat(20));
  });

  /** The pid of a process that has exited. */
  const deadPid = async () => {
    const p = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => p.on('exit', r));
    return p.pid!;
  };
  const lockRecord = (pid: number, host = lockHost(), nonce = 'n0') => JSON.stringify({ pid, host, nonce, at: Date.now() });

  it('breaks at once a fresh refresh lock whose owner process is gone, and removes its temp files', async () => {
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    const pid = await deadPid();
    writeFileSync(`${file}.shop.lock`, lockRecord(pid));
    writeFileSync(join(dir, `.tokens.json.${pid}.abcd1234.tmp`), '{"version":1,"oas":{"shop":{"access_tok');
    const store = new FileTokenStore(file, { lockWaitMs: 10_000 });
    const started = Date.now();
    await store.withRefreshLock('shop', async (s) => s.save({ access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: 1, updated_at: 1 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('breaks a lock recorded under our own pid by an earlier process (a container restarted as the same pid)', async () => {
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    writeFileSync(`${file}.lock`, lockRecord(process.pid, lockHost(), 'earlier-life'));
    const started = Date.now();
    await new FileTokenStore(file, { lockWaitMs: 10_000 }).save('shop', { access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), access_expires_at: 1, updated_at: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits for a live owner up to a bound, with an error naming it, then proceeds once it lets go', async () => {
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      const { FileTokenStore } = await import(${JSON.stringify(storeModule)});
      await new FileTokenStore(${JSON.stringify(file)}).withRefreshLock('shop', async () => {
        process.stdout.write('locked\\n');
        await new Promise((r) => process.stdin.once('data', r));
      });
      process.exit(0);`], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((r) => holder.stdout.once('data', r));
    const store = new FileTokenStore(file, { lockWaitMs: 400 });
    const err = await store.withRefreshLock('shop', async () => 'got it').catch((e: unknown) => e as ZaloError);
    expect(err).toBeInstanceOf(ZaloError);
    expect((err as ZaloError).message).toMatch(new RegExp(`token file .* is busy: .*shop\\.lock stayed locked for 0 s by process ${holder.pid}`));
    expect((err as ZaloError).retryable).toBe(true);
    const waiting = new FileTokenStore(file, { lockWaitMs: 10_000 }).withRefreshLock('shop', async () => 'got it');
    holder.stdin.write('go\n');
    expect(await waiting).toBe('got it');
  }, 20_000);

  it('waits for a fresh lock of another host (its pid cannot be checked) and breaks an old one', async () => {
    const dir = tempDir('zalo-lock-');
    const file = join(dir, 'tokens.json');
    writeFileSync(`${file}.shop.lock`, lockRecord(1, 'another-host'));
    await expect(new FileTokenStore(file, { lockWaitMs: 200 }).withRefreshLock('shop', async () => 1)).rejects.toThrow(/busy/);
    const old = new Date(Date.now() - 120_000);
    utimesSync(`${file}.shop.lock`, old, old);
    expect(await new FileTokenStore(file, { lockWaitMs: 200 }).withRefreshLock('shop', async () => 1)).toBe(1);
  });
});

describe('a corrupt token file at start (dist/index.js)', () => {
  it('exits 1 with one line that says the file is corrupt and where, without its content', () => {
    const dir = tempDir('zalo-corrupt-');
    const file = join(dir, 'tokens.json');
    writeFileSync(file, '{"version":1,"oas":{"default":{"refresh_token": rt-secret-value-123');
    const r = spawnSync(process.execPath, [resolve('dist/index.js')], {
      cwd: dir, encoding: 'utf8', timeout: 15_000, input: '',
      env: { PATH: process.env.PATH ?? '', HOME: dir, ZALO_APP_ID: '3017450163290049999', ZALO_APP_SECRET: 'app-secret-value-456', ZALO_TOKEN_FILE: file },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The token file ${file} is corrupt (not valid JSON)`);
    expect(r.stderr).not.toMatch(/rt-secret-value-123|app-secret-value-456/);
  });
});
