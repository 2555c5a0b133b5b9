/**
 * TokenManager: one per OA. It hands out a valid access token, refreshing it ahead of expiry,
 * and at most one refresh runs at a time (single-flight): Zalo's refresh token is single-use, so
 * two parallel refreshes would burn the pair and lock the OA out. The rotated pair is written to
 * the store BEFORE the new access token is handed out.
 */
import type { OaAccount } from '../config.js';
import { refreshFailureHint, ZaloAuthError, ZaloError } from './errors.js';
import { registerSecret } from './redact.js';
import type { StoredTokens, TokenStore } from './token-store.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  /** Seconds, as Zalo returns it (a string on the wire; parsed by the caller). */
  expires_in: number;
}

/** Performs the OAuth refresh_token grant; provided by the client so this file does no HTTP. */
export type RefreshFn = (account: OaAccount, refreshToken: string) => Promise<TokenPair>;

/** Refresh this long before the access token's stated expiry (clock skew, slow calls). */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export class TokenManager {
  private current?: StoredTokens;
  private loaded = false;
  private inflight?: Promise<string>;
  /** Counts refresh grants sent; tests and `accounts` read it. */
  refreshCount = 0;

  constructor(
    readonly account: OaAccount,
    private readonly store: TokenStore,
    private readonly refresh: RefreshFn,
    private readonly now: () => number = Date.now,
  ) {}

  /** A usable access token, refreshing first if it is missing or about to expire. */
  async accessToken(): Promise<string> {
    await this.load();
    const t = this.current;
    if (t && t.access_token && t.access_expires_at - REFRESH_AHEAD_MS > this.now()) return t.access_token;
    return this.refreshOnce();
  }

  /**
   * Zalo rejected `usedToken` as invalid. If another call already replaced it, use the new one;
   * otherwise refresh (once, shared with every concurrent caller).
   */
  async replaceInvalid(usedToken: string): Promise<string> {
    await this.load();
    if (this.current && this.current.access_token !== usedToken && this.current.access_expires_at > this.now()) {
      return this.current.access_token;
    }
    return this.refreshOnce(usedToken);
  }

  /** Store a pair obtained elsewhere (the login command). */
  async adopt(pair: TokenPair): Promise<void> {
    await this.persist(pair);
  }

  /** Expiry of the current access token (epoch ms), if known. */
  async expiresAt(): Promise<number | undefined> {
    await this.load();
    return this.current?.access_expires_at;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    // The store wins over the environment: after one refresh the env tokens are dead.
    const stored = await this.store.load(this.account.alias);
    if (stored) {
      this.use(stored);
    } else if (this.account.accessToken || this.account.refreshToken) {
      this.use({
        access_token: this.account.accessToken ?? '',
        refresh_token: this.account.refreshToken ?? '',
        // Unknown expiry for a bootstrap access token: use it until Zalo says it is invalid.
        access_expires_at: this.account.accessToken ? Number.MAX_SAFE_INTEGER : 0,
        updated_at: this.now(),
      });
    }
    this.loaded = true;
  }

  private refreshOnce(rejected?: string): Promise<string> {
    this.inflight ??= this.doRefresh(rejected).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Another process sharing the store (an HTTP replica, `login`) may have rotated the pair since we
   * loaded it; its refresh token is then the only live one. Adopt the stored pair and return its
   * access token when that one is still usable.
   */
  private async adoptRotated(rejected?: string): Promise<string | undefined> {
    const stored = await this.store.load(this.account.alias);
    if (!stored || stored.refresh_token === this.current?.refresh_token) return undefined;
    this.use(stored);
    const usable = stored.access_token && stored.access_token !== rejected && stored.access_expires_at - REFRESH_AHEAD_MS > this.now();
    return usable ? stored.access_token : undefined;
  }

  private async doRefresh(rejected?: string): Promise<string> {
    const adopted = await this.adoptRotated(rejected).catch(() => undefined);
    if (adopted) return adopted;
    const refreshToken = this.current?.refresh_token;
    const relogin = `Run \`zalo-oa-mcp login --oa ${this.account.alias}\` to authorise the OA again.`;
    if (!refreshToken) {
      throw new ZaloAuthError(`No refresh token for OA "${this.account.alias}"`, { kind: 'auth', hint: relogin });
    }
    this.refreshCount++;
    let pair: TokenPair;
    try {
      pair = await this.refresh(this.account, refreshToken);
    } catch (e) {
      // Zalo refused our refresh token: maybe we lost a race with another process refreshing the
      // same pair, which saves the new pair moments later.
      for (let i = 0; e instanceof ZaloError && e.code !== null && i < 5; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const won = await this.adoptRotated(rejected).catch(() => undefined);
        if (won) return won;
      }
      const reason = e instanceof ZaloError ? e.message : 'unexpected error';
      const code = e instanceof ZaloError ? e.code : null;
      throw new ZaloAuthError(`Refreshing the access token for OA "${this.account.alias}" failed: ${reason}`, { code, kind: 'auth', hint: refreshFailureHint(e, relogin) });
    }
    return (await this.persist(pair)).access_token;
  }

  private async persist(pair: TokenPair): Promise<StoredTokens> {
    registerSecret(pair.access_token); // before anything can log or fail with them
    registerSecret(pair.refresh_token);
    const next: StoredTokens = {
      access_token: pair.access_token,
      refresh_token: pair.refresh_token,
      access_expires_at: this.now() + pair.expires_in * 1000,
      updated_at: this.now(),
    };
    await this.store.save(this.account.alias, next); // on disk first: the old refresh token is already dead
    this.use(next);
    this.loaded = true;
    return next;
  }

  /** Make `tokens` current; they are secrets from now on. */
  private use(tokens: StoredTokens): void {
    registerSecret(tokens.access_token);
    registerSecret(tokens.refresh_token);
    this.current = tokens;
  }
}
