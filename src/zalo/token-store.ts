/**
 * Where token pairs live between runs. Zalo's refresh token is single-use, so the store is the
 * source of truth after the first refresh: a lost write means a lost OA authorisation, and two
 * processes spending one refresh token lock the OA out. Hence the two guarantees every store gives:
 * a per-OA refresh lock shared by all processes using the store, and a durable save.
 */
import { closeSync, openSync, promises as fs, readFileSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { ZaloError } from './errors.js';
import { LockBusyError, pidAlive, withFileLock } from './file-lock.js';

export interface StoredTokens {
  access_token: string;
  refresh_token: string;
  /** Epoch ms when the access token stops working. */
  access_expires_at: number;
  updated_at: number;
  /** The OA's id from the login callback (`oa_id`), kept across refreshes; `accounts` shows it. */
  oa_id?: string;
}

/** What a refresh sees inside the lock. */
export interface RefreshSession {
  /** The OA's pair as stored now, read after the lock was taken: another process may have rotated it. */
  readonly current: StoredTokens | undefined;
  /**
   * Store the new pair; resolves once it would survive a crash. Call it as soon as Zalo answers:
   * a store may capture the pair before its first await. Calling it again retries a failed write.
   */
  save(tokens: StoredTokens): Promise<void>;
}

/**
 * The interface the TokenManager needs (file here; SQLite/PostgreSQL stores implement the same).
 * A refresh token is spent only inside `withRefreshLock`, which must exclude every other holder of
 * the same OA's lock in any process sharing the store (file: a lock file; PostgreSQL:
 * an advisory lock) and release it when `fn` settles.
 */
export interface TokenStore {
  load(alias: string): Promise<StoredTokens | undefined>;
  save(alias: string, tokens: StoredTokens): Promise<void>;
  withRefreshLock<T>(alias: string, fn: (session: RefreshSession) => Promise<T>): Promise<T>;
}

interface TokenFile {
  version: 1;
  oas: Record<string, StoredTokens>;
}

/**
 * Aliases that already have a pair in the token file (after `login` or a refresh). Synchronous for
 * the configuration check at start: a missing or unreadable file counts as none (the store reports
 * it later), a corrupt one stops the start with the error that names it.
 */
export function storedAliasesSync(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Set();
  }
  return new Set(Object.keys(parseTokenFile(resolve(path), text).oas));
}

function parseTokenFile(path: string, text: string): TokenFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // V8's message quotes the text, which holds secrets: never pass it on
  }
  const oas = (parsed as Partial<TokenFile> | undefined)?.oas;
  if (!oas || typeof oas !== 'object' || !Object.values(oas).every(isPair)) {
    // Only a hand edit or another tool can tear it (we rename a complete, fsynced temp file over it).
    throw new ZaloError(`The token file ${path} is corrupt (${parsed === undefined ? 'not valid JSON' : 'unexpected structure'})`, {
      kind: 'auth',
      hint: `Move ${path} away, then run \`zalo-oa-mcp login\` for each OA.`,
    });
  }
  return { version: 1, oas: oas as Record<string, StoredTokens> };
}

/**
 * Write queues by resolved file path, shared by every FileTokenStore of this process: each save is
 * a read-modify-write of the whole file, so two stores on one path (a restarted client, `accounts`
 * beside a server) must not interleave or one OA's rotated pair is silently dropped.
 */
const queues = new Map<string, Promise<unknown>>();

export interface FileTokenStoreOptions {
  /** How long a refresh or save waits for another live process's lock (default 30 s: an OAuth call's timeout and more). */
  lockWaitMs?: number;
}

export class FileTokenStore implements TokenStore {
  readonly path: string;
  private readonly lockWaitMs: number;

  constructor(path: string, options: FileTokenStoreOptions = {}) {
    this.path = resolve(path);
    this.lockWaitMs = options.lockWaitMs ?? 30_000;
  }

  async load(alias: string): Promise<StoredTokens | undefined> {
    return (await this.readAll()).oas[alias];
  }

  async list(): Promise<Record<string, StoredTokens>> {
    return (await this.readAll()).oas;
  }

  save(alias: string, tokens: StoredTokens): Promise<void> {
    const run = (queues.get(this.path) ?? Promise.resolve()).then(() =>
      this.locked(`${this.path}.lock`, async () => {
        const file = await this.readAll();
        file.oas[alias] = tokens;
        await this.writeDurably(JSON.stringify(file, null, 2));
      }),
    );
    const tail = run.catch(() => undefined);
    queues.set(this.path, tail);
    // Forget an idle queue so the map does not grow with every path ever used (tests use many).
    void tail.then(() => {
      if (queues.get(this.path) === tail) queues.delete(this.path);
    });
    return run;
  }

  /**
   * One lock file per OA, held around re-read → refresh → save. Under it, the pair is first
   * written to a per-OA journal with one synchronous write the moment Zalo answers (a kill after
   * that loses nothing: the next holder rolls the journal forward), then durably to the file.
   */
  withRefreshLock<T>(alias: string, fn: (session: RefreshSession) => Promise<T>): Promise<T> {
    const key = /^[a-z0-9_-]{1,64}$/i.test(alias) ? alias : createHash('sha256').update(alias).digest('hex').slice(0, 16);
    const journal = `${this.path}.${key}.journal`;
    return this.locked(`${this.path}.${key}.lock`, async () => {
      await this.rollForward(alias, journal);
      const current = (await this.readAll()).oas[alias];
      // Opened before the grant is sent, so capturing Zalo's answer costs a single write.
      const fd = openSync(journal, 'w', 0o600);
      let journaled: StoredTokens | undefined;
      let written = 0;
      let saved = false;
      try {
        return await fn({
          current,
          save: async (tokens) => {
            if (journaled !== tokens) {
              // One positional write replaces the whole journal (trailing spaces are valid JSON).
              const text = JSON.stringify(tokens).padEnd(written);
              writeSync(fd, text, 0);
              written = Buffer.byteLength(text);
              journaled = tokens;
              saved = false;
            }
            await this.save(alias, tokens);
            if (journaled === tokens) saved = true;
          },
        });
      } finally {
        closeSync(fd);
        // A journaled pair that never reached the file stays for the next holder.
        if (saved || !journaled) await fs.rm(journal, { force: true });
      }
    });
  }

  /** A journal left by a holder that died (or failed to write) holds the only live pair: store it. */
  private async rollForward(alias: string, journal: string): Promise<void> {
    const text = await fs.readFile(journal, 'utf8').catch(() => '');
    const pair = parsePair(text);
    const stored = pair && (await this.readAll()).oas[alias];
    if (pair && (!stored || (stored.refresh_token !== pair.refresh_token && pair.updated_at >= stored.updated_at))) {
      await this.save(alias, pair);
    }
    await fs.rm(journal, { force: true });
  }

  private async locked<T>(lock: string, fn: () => Promise<T>): Promise<T> {
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    try {
      return await withFileLock(lock, fn, { waitMs: this.lockWaitMs, onBroken: () => this.removeDeadTemps() });
    } catch (e) {
      if (!(e instanceof LockBusyError)) throw e;
      throw new ZaloError(`The token file ${this.path} is busy: ${e.message}`, {
        kind: 'unavailable',
        retryable: true,
        hint: 'Another zalo-oa-mcp process is refreshing or writing the tokens: call again shortly.',
      });
    }
  }

  /** Temp files of processes that died mid-write (their lock was just broken). */
  private async removeDeadTemps(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = `.${basename(this.path)}.`;
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length).split('.')[0]) : NaN;
      if (Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid)) await fs.rm(join(dir, name), { force: true });
    }
  }

  private async readAll(): Promise<TokenFile> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, oas: {} };
      throw e;
    }
    return parseTokenFile(this.path, text);
  }

  /** Temp file (0600), fsync, rename over the file, fsync of the directory: old file or new, even on power loss. */
  private async writeDurably(content: string): Promise<void> {
    const dir = dirname(this.path);
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // whatever the umask: the file is never readable by others, not even briefly
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } catch (e) {
      await handle.close();
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    try {
      await fs.rename(tmp, this.path);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
    const d = await fs.open(dir, 'r').catch(() => undefined); // not possible on every platform (Windows)
    await d?.sync().catch(() => undefined);
    await d?.close();
  }
}

function isPair(value: unknown): value is StoredTokens {
  const p = (value ?? {}) as Partial<StoredTokens>;
  return typeof p.access_token === 'string' && typeof p.refresh_token === 'string' && p.refresh_token !== '' &&
    Number.isFinite(p.access_expires_at) && Number.isFinite(p.updated_at);
}

function parsePair(text: string): StoredTokens | undefined {
  try {
    const p: unknown = JSON.parse(text);
    return isPair(p) ? p : undefined;
  } catch {
    return undefined;
  }
}
