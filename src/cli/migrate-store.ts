/**
 * `zalo-oa-mcp migrate-store --from file:<tokens.json> --to postgres://…` (either side may be a file
 * or a database): copies every OA's token pair, each under the refresh lock of that OA on both
 * sides, so a process refreshing meanwhile on either side cannot rotate the pair mid-copy and lose
 * it. A destination pair newer than the source's is kept. The SQLite store (events, messages,
 * follower index) goes along when the destination is a database: ZALO_STORE_PATH (`storePath`) as
 * the server uses it, else store.sqlite beside the source token file (the server's default).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config.js';
import { registerSecret } from '../zalo/redact.js';
import { FileTokenStore, type StoredTokens, type TokenStore } from '../zalo/token-store.js';

export interface MigrateResult {
  oas: Array<{ alias: string; result: 'copied' | 'kept_newer_destination' }>;
  /** Rows copied per table of the local SQLite store (database destination only). */
  store?: Record<string, number>;
}

type Side = { store: TokenStore & { list(): Promise<Record<string, StoredTokens>> }; close(): Promise<void>; file?: string; url?: string };

async function open(spec: string, flag: string): Promise<Side> {
  if (spec.startsWith('file:')) {
    const file = resolve(spec.slice('file:'.length));
    if (!file || spec === 'file:') throw new ConfigError(`${flag} file: needs a path, e.g. file:~/.config/zalo-oa-mcp/tokens.json`);
    return { store: new FileTokenStore(file), close: async () => undefined, file };
  }
  if (/^postgres(ql)?:\/\//.test(spec)) {
    registerSecret(spec);
    try {
      registerSecret(decodeURIComponent(new URL(spec).password) || undefined);
    } catch {
      throw new ConfigError(`${flag} is not a valid postgres:// URL`);
    }
    const { PgTokenStore } = await import('../store/pg-tokens.js');
    const store = await PgTokenStore.open(spec);
    return { store, close: () => store.close(), url: spec };
  }
  throw new ConfigError(`${flag} must be file:<path to tokens.json> or a postgres://user:password@host/db URL`);
}

export async function migrateStore(options: { from?: string; to?: string; storePath?: string }): Promise<MigrateResult> {
  if (!options.from || !options.to) throw new ConfigError('migrate-store needs --from and --to (file:<path> or postgres://…)');
  const from = await open(options.from, '--from');
  let to: Side | undefined;
  try {
    to = await open(options.to, '--to');
    const oas: MigrateResult['oas'] = [];
    for (const alias of Object.keys(await from.store.list())) {
      const dst = to.store;
      await from.store.withRefreshLock(alias, async (src) => {
        const pair = src.current;
        if (!pair) return;
        await dst.withRefreshLock(alias, async (d) => {
          if (d.current && d.current.updated_at > pair.updated_at && d.current.refresh_token !== pair.refresh_token) {
            oas.push({ alias, result: 'kept_newer_destination' });
            return;
          }
          await d.save(pair);
          oas.push({ alias, result: 'copied' });
        });
      });
    }
    const result: MigrateResult = { oas };
    const sqlite = from.file ? resolve(options.storePath || join(dirname(from.file), 'store.sqlite')) : undefined;
    if (to.url && sqlite && existsSync(sqlite)) {
      const { copySqliteToPg } = await import('../store/pg-import.js');
      result.store = await copySqliteToPg(sqlite, (to.store as unknown as { pool: import('pg').Pool }).pool);
    }
    return result;
  } finally {
    await to?.close();
    await from.close();
  }
}
