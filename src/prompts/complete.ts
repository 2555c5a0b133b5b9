/**
 * Argument completion for user ids: the people the OA talked to most recently first, then
 * followers. Used by the prompts and reusable by resource templates. A completion must never fail
 * the client's typing, so every Zalo error becomes an empty list.
 */
import type { Config } from '../config.js';
import type { ZaloClient } from '../zalo/client.js';
import { createZaloApi } from '../zalo/endpoints/index.js';

export interface CompleteDeps {
  client: ZaloClient;
  config: Pick<Config, 'accounts' | 'defaultOa'>;
}

/** MCP allows at most 100 values per completion; fewer keeps the picker readable. */
const MAX_VALUES = 20;
/** Completion runs while the user types: give up quickly rather than hang the picker. */
const TIMEOUT_MS = 3000;

/** User ids starting with `prefix` (recent chats first, then followers) for OA `oa` (default OA when omitted/unknown). */
export async function completeUserId(deps: CompleteDeps, prefix: string, oa?: string): Promise<string[]> {
  const alias = deps.config.accounts.some((a) => a.alias === oa) ? oa : deps.config.defaultOa;
  const zalo = createZaloApi(deps.client, alias, AbortSignal.timeout(TIMEOUT_MS));
  const found = new Set<string>();
  const add = (id: string) => {
    if (id.startsWith(prefix) && found.size < MAX_VALUES) found.add(id);
  };
  try {
    // src 1 = user → OA, so the user is the sender; otherwise the recipient.
    for (const m of await zalo.conversations.listRecent({ offset: 0, count: 10 })) add(m.src === 1 ? m.from_id : m.to_id);
  } catch {
    // fall through to followers
  }
  if (found.size < MAX_VALUES) {
    try {
      for (const u of (await zalo.followers.list({ offset: 0, count: 50 })).users) add(u.user_id);
    } catch {
      // nothing more to offer
    }
  }
  return [...found];
}

/** Configured OA aliases starting with `prefix`. */
export function completeOa(config: Pick<Config, 'accounts'>, prefix: string): string[] {
  return config.accounts.map((a) => a.alias).filter((a) => a.startsWith(prefix));
}
