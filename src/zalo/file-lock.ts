/**
 * A lock file shared by the processes of one machine (created with O_EXCL). It names its owner
 * (pid, host, nonce), so a lock left by a crashed process is broken at once instead of blocking
 * every replica until a timeout, while a live owner is waited for, up to a bound.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  /** Host name and pid namespace. */
  host: string;
  nonce: string;
  /** Epoch ms when it was taken. */
  at: number;
}

export interface FileLockOptions {
  /** How long to wait for a live owner before failing (default 30 s). */
  waitMs?: number;
  /** Runs after a dead owner's lock was broken, before `fn` (clean up what the owner left). */
  onBroken?: () => Promise<void>;
}

/** The lock stayed held by a live process for the whole wait. */
export class LockBusyError extends Error {
  constructor(readonly path: string, readonly owner: LockOwner | undefined, waitedMs: number) {
    super(`${path} stayed locked for ${Math.round(waitedMs / 1000)} s${owner ? ` by process ${owner.pid}` : ''}`);
  }
}

/**
 * Where a pid means something: the host plus, on Linux, the pid namespace (containers that share a
 * hostname, e.g. with host networking, do not share pids).
 */
const HOST = (() => {
  try {
    return `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return hostname();
  }
})();
/** Nonces of the locks this process holds: a lock with our own pid and another nonce was left by an
 * earlier process that had the same pid (containers restart as pid 1). */
const held = new Set<string>();
/** A lock whose owner cannot be checked (another host, or no owner record) is abandoned after this. */
const UNCHECKABLE_STALE_MS = 60_000;
/** No legitimate holder keeps a lock this long (one OAuth call and one write): past it the pid was reused. */
const MAX_HOLD_MS = 5 * 60_000;
/** An owner record is written right after the O_EXCL create; an empty lock older than this was left by a crash in between. */
const UNWRITTEN_MS = 2_000;

export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 30_000;
  const me: LockOwner = { pid: process.pid, host: HOST, nonce: randomBytes(8).toString('hex'), at: Date.now() };
  const started = Date.now();
  for (let pause = 2; ; pause = Math.min(pause * 2, 40)) {
    try {
      me.at = Date.now();
      await fs.writeFile(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      held.add(me.nonce);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = await inspect(path);
    if (seen === 'gone') continue;
    if (seen.stale) {
      if (await breakLock(path, seen.raw, me.nonce)) await options.onBroken?.();
      continue;
    }
    if (Date.now() - started > waitMs) throw new LockBusyError(path, seen.owner, Date.now() - started);
    await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
  }
  try {
    return await fn();
  } finally {
    held.delete(me.nonce);
    await release(path, me.nonce);
  }
}

/** This process's host identity, as recorded in its locks. */
export const lockHost = (): string => HOST;

/** Whether the process `pid` of this host still runs (EPERM: it runs as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function inspect(path: string): Promise<'gone' | { stale: boolean; raw: string; owner?: LockOwner }> {
  let raw: string;
  let age: number;
  try {
    [raw, age] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path).then((s) => Date.now() - s.mtimeMs)]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  const owner = parseOwner(raw);
  if (!owner) return { stale: age > (raw ? UNCHECKABLE_STALE_MS : UNWRITTEN_MS), raw };
  if (owner.host !== HOST) return { stale: age > UNCHECKABLE_STALE_MS, raw, owner };
  const alive = owner.pid === process.pid ? held.has(owner.nonce) : pidAlive(owner.pid);
  return { stale: !alive || age > MAX_HOLD_MS, raw, owner };
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    return Number.isInteger(o.pid) && typeof o.host === 'string' && typeof o.nonce === 'string' ? (o as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Several waiters may see the same dead owner: the lock is moved aside (atomic) and removed only
 * if what was moved is still the record we judged stale; a fresh lock taken meanwhile is put back.
 */
async function breakLock(path: string, judged: string, nonce: string): Promise<boolean> {
  const aside = `${path}.${nonce}.broken`;
  try {
    await fs.rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => '');
  if (moved !== judged) await fs.link(aside, path).catch(() => undefined);
  await fs.rm(aside, { force: true });
  return moved === judged;
}

/** Remove the lock only while it is still ours (it may have been judged stale and retaken). */
async function release(path: string, nonce: string): Promise<void> {
  const raw = await fs.readFile(path, 'utf8').catch(() => '');
  if (parseOwner(raw)?.nonce === nonce) await fs.rm(path, { force: true });
}
