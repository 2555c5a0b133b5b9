/**
 * A follower sync killed with SIGKILL in the middle (a real child process on the built code),
 * then resumed here, ends with exactly the index an uninterrupted sync builds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { createToolContext } from '../../src/tools/define-tool.js';
import { storeFor } from '../../src/store/index.js';
import { runSync, type SyncResult } from '../../src/tools/followers/sync-run.js';

const dir = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-sync-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same simulated world in every process: fixed seed, fixed clock base. */
const WORLD = { followers: 600, now: Date.UTC(2026, 10, 20, 5, 0, 0) };
const dist = (p: string) => JSON.stringify(resolve('dist', p));

function childSync(storePath: string, tokenFile: string) {
  const script = `
    const { startRuntime } = await import(${dist('runtime.js')});
    const { createToolContext } = await import(${dist('tools/define-tool.js')});
    const { storeFor } = await import(${dist('store/index.js')});
    const { runSync } = await import(${dist('tools/followers/sync-run.js')});
    const { silentLogger } = await import(${dist('log.js')});
    const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: ${JSON.stringify(tokenFile)}, ZALO_STORE_PATH: ${JSON.stringify(storePath)} },
      dotenvPath: null, log: silentLogger, sandboxOptions: { ...${JSON.stringify(WORLD)}, latencyMs: 15 } });
    await runSync(await storeFor(runtime.config), createToolContext(runtime, 'shop', new AbortController().signal), { full: false, maxProfiles: 100000 });
    process.stdout.write('finished');`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function syncHere(storePath: string, name: string): Promise<SyncResult> {
  const runtime = await startRuntime({
    env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, `${name}-tokens.json`), ZALO_STORE_PATH: storePath },
    dotenvPath: null, log: silentLogger, sandboxOptions: WORLD,
  });
  try {
    return await runSync(await storeFor(runtime.config), createToolContext(runtime, 'shop', new AbortController().signal), { full: false, maxProfiles: 100_000 });
  } finally {
    await runtime.close();
  }
}

/** The index as data, without the times the rows were written. */
function snapshot(storePath: string) {
  const db = new Database(storePath);
  const rows = db.prepare(`SELECT user_id, display_name, alias, avatar, is_follower, last_interaction, tags, notes, name, phone, address, city, district,
    birthday, name_key, city_key FROM followers WHERE oa = 'shop' ORDER BY user_id`).all();
  const tags = db.prepare("SELECT user_id, tag_key FROM follower_tags WHERE oa = 'shop' ORDER BY user_id, tag_key").all();
  const queued = (db.prepare('SELECT COUNT(*) AS n FROM sync_queue').get() as { n: number }).n;
  db.close();
  return { rows, tags, queued };
}

const profilesIn = (storePath: string): number => {
  try {
    const db = new Database(storePath, { fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    const n = (db.prepare('SELECT COUNT(*) AS n FROM followers WHERE profile_at IS NOT NULL').get() as { n: number }).n;
    db.close();
    return n;
  } catch {
    return 0; // not created or not migrated yet
  }
};

describe('followers_sync killed mid-way', () => {
  it('resumes after SIGKILL and builds the same index as an uninterrupted run', async () => {
    const killed = join(dir, 'killed.sqlite');
    const child = childSync(killed, join(dir, 'child-tokens.json'));
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    const deadline = Date.now() + 30_000;
    while (profilesIn(killed) < 120 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out).not.toContain('finished');
    const before = profilesIn(killed);
    expect(before).toBeGreaterThanOrEqual(120);
    expect(before).toBeLessThan(WORLD.followers);

    const resumed = await syncHere(killed, 'resume');
    expect(resumed).toMatchObject({ resumed: true, remaining: 0, index_size: WORLD.followers });
    // Only what the killed run had not stored is read again (plus at most the batch in flight).
    expect(resumed.profiles_read).toBeLessThanOrEqual(WORLD.followers - before + 64);

    const clean = join(dir, 'clean.sqlite');
    expect(await syncHere(clean, 'clean')).toMatchObject({ resumed: false, profiles_read: WORLD.followers, index_size: WORLD.followers });
    const [a, b] = [snapshot(killed), snapshot(clean)];
    expect(a.rows).toHaveLength(WORLD.followers);
    expect(a).toEqual(b);
  }, 60_000);
});
