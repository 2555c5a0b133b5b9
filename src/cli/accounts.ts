/**
 * `zalo-oa-mcp accounts`: the configured OAs and the state of their tokens. Never prints a
 * token or a secret — only whether one exists and when the access token expires.
 */
import type { Config } from '../config.js';
import type { TokenStore } from '../zalo/token-store.js';

export interface AccountStatus {
  alias: string;
  app_id: string;
  /** The OA id Zalo reported at `login` (null before a login stored one). */
  oa_id: string | null;
  default: boolean;
  /** `store`: the token file; `env` / `accounts_file`: bootstrap tokens from there; `none`. */
  token_source: 'store' | 'env' | 'accounts_file' | 'none';
  /** ISO expiry of the access token when known. */
  access_expires_at: string | null;
  access_expired: boolean | null;
  refresh_token: boolean;
}

/** Status of every configured OA, from the token store (which wins) or the bootstrap tokens. */
export async function listAccounts(config: Config, store: TokenStore, now = Date.now()): Promise<AccountStatus[]> {
  const out: AccountStatus[] = [];
  for (const a of config.accounts) {
    const stored = await store.load(a.alias);
    const base = { alias: a.alias, app_id: a.appId, oa_id: stored?.oa_id ?? null, default: a.alias === config.defaultOa };
    if (stored) {
      out.push({
        ...base,
        token_source: 'store',
        access_expires_at: stored.access_token ? new Date(stored.access_expires_at).toISOString() : null,
        access_expired: stored.access_token ? stored.access_expires_at <= now : null,
        refresh_token: Boolean(stored.refresh_token),
      });
    } else if (a.accessToken || a.refreshToken) {
      out.push({ ...base, token_source: a.tokensFrom ?? 'env', access_expires_at: null, access_expired: null, refresh_token: Boolean(a.refreshToken) });
    } else {
      out.push({ ...base, token_source: 'none', access_expires_at: null, access_expired: null, refresh_token: false });
    }
  }
  return out;
}

const SOURCE_LABEL = { store: 'token file', env: 'environment', accounts_file: 'accounts file', none: 'none' } as const;

/** A plain table for the terminal. */
export function formatAccounts(rows: AccountStatus[], tokenFile: string): string {
  const status = (r: AccountStatus) => {
    if (r.token_source === 'none') return 'no tokens: run `zalo-oa-mcp login --oa ' + r.alias + '`';
    const access = r.access_expires_at ? `access ${r.access_expired ? 'expired' : 'valid until'} ${r.access_expires_at}` : 'access expiry unknown';
    return `${access}; refresh token ${r.refresh_token ? 'present' : 'missing'} (${SOURCE_LABEL[r.token_source]})`;
  };
  const lines = rows.map((r) => [r.alias + (r.default ? ' *' : ''), r.app_id, r.oa_id ?? '-', status(r)]);
  const head = ['OA', 'APP ID', 'OA ID', 'TOKENS'];
  const width = [0, 1, 2].map((i) => Math.max(head[i]!.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => `${l.slice(0, 3).map((c, i) => c.padEnd(width[i]!)).join('  ')}  ${l[3]}`;
  return [fmt(head), ...lines.map(fmt), '', `* default OA. Token file: ${tokenFile}`].join('\n');
}
