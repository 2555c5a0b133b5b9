/**
 * Where token pairs live between runs. Zalo's refresh token is single-use, so the store is the
 * source of truth after the first refresh: a lost write means a lost OA authorisation.
 * The file store therefore writes a temp file (0600), fsyncs it and renames it over the old one:
 * a crash leaves either the old file or the new one, never a torn one.
 */
import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

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

export class FileTokenStore implements TokenStore {
  /** Serialises writes from several OAs so one rename never drops another's update. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  async load(alias: string): Promise<StoredTokens | undefined> {
    return (await this.readAll()).oas[alias];
  }

  async list(): Promise<Record<string, StoredTokens>> {
    return (await this.readAll()).oas;
  }

  save(alias: string, tokens: StoredTokens): Promise<void> {
    const run = this.queue.then(async () => {
      const file = await this.readAll();
      file.oas[alias] = tokens;
      await this.writeAtomic(JSON.stringify(file, null, 2));
    });
    this.queue = run.catch(() => undefined);
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
    const parsed = JSON.parse(text) as Partial<TokenFile>;
    return { version: 1, oas: parsed.oas ?? {} };
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
