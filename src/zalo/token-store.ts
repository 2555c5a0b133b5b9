/**
 * Where token pairs live between runs. Zalo's refresh token is single-use, so the store is the
 * source of truth after the first refresh: a lost write means a lost OA authorisation.
 * The file store therefore writes a temp file (0600), fsyncs it and renames it over the old one:
 * a crash leaves either the old file or the new one, never a torn one.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZaloError } from './errors.js';

export interface StoredTokens {
  access_token: string;
  refresh_token: string;
  /** Epoch ms when the access token stops working. */
  access_expires_at: number;
  updated_at: number;
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
 * Write queues by resolved file path, shared by every FileTokenStore of this process: each save is
 * a read-modify-write of the whole file, so two stores on one path (a restarted client, `accounts`
 * beside a server) must not interleave or one OA's rotated pair is silently dropped.
 */
const queues = new Map<string, Promise<unknown>>();

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
    const run = (queues.get(this.path) ?? Promise.resolve()).then(async () => {
      const file = await this.readAll();
      file.oas[alias] = tokens;
      await this.writeAtomic(JSON.stringify(file, null, 2));
    });
    const tail = run.catch(() => undefined);
    queues.set(this.path, tail);
    // Forget an idle queue so the map does not grow with every path ever used (tests use many).
    void tail.then(() => {
      if (queues.get(this.path) === tail) queues.delete(this.path);
    });
    return run;
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
