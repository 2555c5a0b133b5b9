/**
 * Where token pairs live between runs. Zalo's refresh token is single-use, so the store is the
 * source of truth after the first refresh: a lost write means a lost OA authorisation.
 * The file store therefore writes a temp file (0600), fsyncs it and renames it over the old one:
 * a crash leaves either the old file or the new one, never a torn one.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZaloError } from './errors.js';

export interface StoredTokens {
  access_token: string;
  refresh_token: string;
  /** Epoch ms when the access token stops working. */
  access_expires_at: number;
  updated_at: number;
  /** The OA's id from the login callback (`oa_id`), kept across refreshes; `accounts` shows it. */
  oa_id?: string;
}

/** Interface ready for other stores (keychain, database) — the TokenManager only needs these two. */
export interface TokenStore {
  load(alias: string): Promise<StoredTokens | undefined>;
  save(alias: string, tokens: StoredTokens): Promise<void>;
}

interface TokenFile {
  version: 1;
  oas: Record<string, StoredTokens>;
}

/**
 * Aliases that already have a pair in the token file (after `login` or a refresh). Synchronous for
 * the configuration check at start; an unreadable file counts as none (the store reports it later).
 */
export function storedAliasesSync(path: string): Set<string> {
  try {
    return new Set(Object.keys((JSON.parse(readFileSync(path, 'utf8')) as Partial<TokenFile>).oas ?? {}));
  } catch {
    return new Set();
  }
}

/**
 * Write queues by resolved file path, shared by every FileTokenStore of this process: each save is
 * a read-modify-write of the whole file, so two stores on one path (a restarted client, `accounts`
 * beside a server) must not interleave or one OA's rotated pair is silently dropped.
 */
const queues = new Map<string, Promise<unknown>>();

/** How long a save waits for another process's lock, and when a lock counts as abandoned. */
const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 30_000;

export class FileTokenStore implements TokenStore {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  async load(alias: string): Promise<StoredTokens | undefined> {
    return (await this.readAll()).oas[alias];
  }

  async list(): Promise<Record<string, StoredTokens>> {
    return (await this.readAll()).oas;
  }

  save(alias: string, tokens: StoredTokens): Promise<void> {
    const run = (queues.get(this.path) ?? Promise.resolve()).then(() =>
      this.withFileLock(async () => {
        const file = await this.readAll();
        file.oas[alias] = tokens;
        await this.writeAtomic(JSON.stringify(file, null, 2));
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
   * The in-process queue cannot see other processes (HTTP replicas, `login` beside a running
   * server): a lock file created with O_EXCL serialises their read-modify-write of the file. A lock
   * older than STALE_LOCK_MS was left by a crashed process and is broken.
   */
  private async withFileLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.path}.lock`;
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const giveUp = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await fs.open(lock, 'wx', 0o600)).close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const age = await fs.stat(lock).then((st) => Date.now() - st.mtimeMs, () => 0);
        if (age > STALE_LOCK_MS) {
          await fs.rm(lock, { force: true });
          continue;
        }
        if (Date.now() > giveUp) {
          throw new ZaloError(`The token file ${this.path} stayed locked for ${LOCK_WAIT_MS / 1000} s (${lock})`, {
            kind: 'auth',
            hint: 'Another zalo-oa-mcp process is writing it; if none is running, delete the .lock file.',
          });
        }
        await new Promise((r) => setTimeout(r, 15 + Math.random() * 20));
      }
    }
    try {
      return await fn();
    } finally {
      await fs.rm(lock, { force: true });
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
    let parsed: Partial<TokenFile>;
    try {
      parsed = JSON.parse(text) as Partial<TokenFile>;
    } catch (e) {
      // Only a hand edit or another tool can tear it (we rename a complete temp file over it).
      throw new ZaloError(`The token file ${this.path} is not valid JSON (${(e as Error).message})`, {
        kind: 'auth',
        hint: 'Fix the file or move it away, then run `zalo-oa-mcp login` for each OA.',
      });
    }
    return { version: 1, oas: parsed?.oas ?? {} };
  }

  private async writeAtomic(content: string): Promise<void> {
    const dir = dirname(this.path);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(tmp, this.path);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await fs.chmod(this.path, 0o600);
  }
}
