/**
 * The local journal of a PostgreSQL token refresh. Zalo's answer is written here with one
 * synchronous write and an fsync (0600) before the single round trip that stores and commits it,
 * so a replica killed in between loses nothing: the next holder of the OA's lock on this machine,
 * or any replica starting here, rolls it forward (pg-tokens.ts). One file per database and OA,
 * `pg-<database hash>.<OA>.journal` in the token file's folder; written and removed only by the
 * holder of that OA's advisory lock, so replicas sharing the folder never race on it.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { StoredTokens } from '../zalo/token-store.js';

export interface JournalEntry {
  alias: string;
  /** The refresh token the row held when this pair was issued (null: no row yet). */
  replaced: string | null;
  pair: StoredTokens;
}

/** A database's identity without its password: journals of two databases never mix. */
export function databaseKey(url: string | undefined): string {
  let id = url ?? '';
  try {
    const u = new URL(id);
    id = `${u.username}@${u.hostname}:${u.port}${u.pathname}`;
  } catch {
    // not a URL (a socket path or libpq keywords): hashed whole, never written anywhere
  }
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}

const aliasKey = (alias: string) =>
  /^[a-z0-9_-]{1,64}$/i.test(alias) ? alias : createHash('sha256').update(alias).digest('hex').slice(0, 16);

export class RefreshJournal {
  private readonly prefix: string;

  constructor(readonly dir: string, database: string) {
    this.prefix = `pg-${database}.`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      // a read-only folder: open() fails and refreshes go without a journal, as before it existed
    }
  }

  path(alias: string): string {
    return join(this.dir, `${this.prefix}${aliasKey(alias)}.journal`);
  }

  /** undefined: no journal; null: one that holds no whole entry (created, then its holder died). */
  read(alias: string): JournalEntry | null | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(alias), 'utf8');
    } catch {
      return undefined;
    }
    const e = parse(text);
    return e && e.alias === alias ? e : null;
  }

  /** The whole entries of this database in the folder (a replica starting rolls them forward). */
  entries(): JournalEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.startsWith(this.prefix) && n.endsWith('.journal'))
      .map((n) => {
        try {
          return parse(readFileSync(join(this.dir, n), 'utf8'));
        } catch {
          return undefined;
        }
      })
      .filter((e): e is JournalEntry => !!e);
  }

  /**
   * Open the OA's journal before the grant is sent, so capturing Zalo's answer costs one write
   * (and an fsync, for a power loss). Each write replaces the whole entry. undefined: the folder
   * is not writable (the refresh goes on without a journal).
   */
  open(alias: string): { write(entry: JournalEntry): void; close(): void } | undefined {
    let fd: number;
    try {
      fd = openSync(this.path(alias), 'w', 0o600);
    } catch {
      return undefined;
    }
    let written = 0;
    return {
      write(entry) {
        // Trailing spaces are valid JSON: a shorter entry needs no truncate call.
        const text = JSON.stringify(entry).padEnd(written);
        writeSync(fd, text, 0);
        fsyncSync(fd);
        written = Buffer.byteLength(text);
      },
      close: () => closeSync(fd),
    };
  }

  remove(alias: string): void {
    try {
      unlinkSync(this.path(alias));
    } catch {
      // already gone
    }
  }
}

function parse(text: string): JournalEntry | undefined {
  try {
    const e = JSON.parse(text) as Partial<JournalEntry>;
    const p = e?.pair as Partial<StoredTokens> | undefined;
    const whole = typeof e?.alias === 'string' && (e.replaced === null || typeof e.replaced === 'string') &&
      typeof p?.access_token === 'string' && typeof p.refresh_token === 'string' && p.refresh_token !== '' &&
      Number.isFinite(p.access_expires_at) && Number.isFinite(p.updated_at);
    return whole ? (e as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}
