/**
 * TokenManager: one per OA. It hands out a valid access token, refreshing it ahead of expiry.
 * Zalo's refresh token is single-use: spent twice, the OA is locked out until an admin consents
 * again. So a refresh token is spent only under the store's per-OA lock (shared with every process
 * using the store), after re-reading the stored pair; in this process one refresh runs at a time
 * (single-flight, in front of the lock); the grant is never re-sent; and the new pair is held in
 * memory the instant Zalo returns it, then stored durably.
 */
import { performance } from 'node:perf_hooks';
import type { OaAccount } from '../config.js';
import { silentLogger, type Logger } from '../log.js';
import { refreshFailureHint, ZaloAuthError, ZaloError, ZaloNetworkError } from './errors.js';
import { registerSecret } from './redact.js';
import type { RefreshSession, StoredTokens, TokenStore } from './token-store.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  /** Seconds, as Zalo returns it (a string on the wire; parsed by the caller). */
  expires_in: number;
}

/** Performs the OAuth refresh_token grant, exactly once per call; provided by the client so this file does no HTTP. */
export type RefreshFn = (account: OaAccount, refreshToken: string) => Promise<TokenPair>;

export interface TokenManagerOptions {
  now?: () => number;
  log?: Logger;
}

/** Refresh this long before the access token's stated expiry (clock skew, slow calls). */
export const REFRESH_AHEAD_MS = 5 * 60_000;
/** A failed write of a new pair is retried this often (50, 100, 200 ms apart) before it is reported. */
const SAVE_ATTEMPTS = 4;

export class TokenManager {
  private current?: StoredTokens;
  private loading?: Promise<void>;
  private inflight?: Promise<string>;
  /** `current` came from Zalo but has not reached the store yet: it is newer than the stored pair. */
  private unsaved = false;
  private readonly now: () => number;
  private readonly log: Logger;
  /** Counts refresh grants sent; tests and `accounts` read it. */
  refreshCount = 0;
  /** Milliseconds from Zalo's answer to the durably stored pair, for the last refresh (bench). */
  lastStoreMs?: number;

  constructor(
    readonly account: OaAccount,
    private readonly store: TokenStore,
    private readonly refresh: RefreshFn,
    options: TokenManagerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silentLogger;
  }

  /** A usable access token, refreshing first if it is missing or about to expire. */
  async accessToken(): Promise<string> {
    await this.load();
    return this.usableToken() ?? this.refreshOnce();
  }

  /** The loaded access token if it is usable now: what nearly every call needs, without awaiting. */
  usableToken(): string | undefined {
    const t = this.current;
    return t && this.usable(t) ? t.access_token : undefined;
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

  /** Store a pair obtained elsewhere (the login command), with the OA id Zalo reported then; fails if it cannot be stored. */
  async adopt(pair: TokenPair, oaId?: string): Promise<void> {
    await this.store.withRefreshLock(this.account.alias, async (session) => {
      const next = this.hold(pair, oaId);
      await session.save(next);
      this.unsaved = false;
    });
    this.loading = Promise.resolve();
  }

  /** Expiry of the current access token (epoch ms), if known. */
  async expiresAt(): Promise<number | undefined> {
    await this.load();
    return this.current?.access_expires_at;
  }

  /** Single-flight: concurrent first calls share one read, so a late read cannot undo a refresh. */
  private load(): Promise<void> {
    this.loading ??= this.readStore().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async readStore(): Promise<void> {
    // The store wins over the environment: after one refresh the env tokens are dead.
    const stored = await this.store.load(this.account.alias);
    if (this.current) return; // adopted meanwhile
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
  }

  private usable(t: StoredTokens, rejected?: string): boolean {
    return !!t.access_token && t.access_token !== rejected && t.access_expires_at - REFRESH_AHEAD_MS > this.now();
  }

  private refreshOnce(rejected?: string): Promise<string> {
    this.inflight ??= this.store.withRefreshLock(this.account.alias, (s) => this.refreshLocked(s, rejected)).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refreshLocked(session: RefreshSession, rejected?: string): Promise<string> {
    const stored = session.current;
    const mine = this.current;
    const rotated = !!stored && stored.refresh_token !== mine?.refresh_token;
    if (this.unsaved && mine && (!stored || (rotated && stored.updated_at <= mine.updated_at))) {
      await this.keep(session, mine); // ours is the newer pair: its earlier write failed
    } else if (rotated) {
      // Another process rotated the pair since we last used it: its refresh token is the only live one.
      this.use(stored!);
      this.unsaved = false;
    } else if (stored) {
      this.unsaved = false;
    }
    if (this.current && this.usable(this.current, rejected)) return this.current.access_token;

    const refreshToken = this.current?.refresh_token;
    if (!refreshToken) {
      throw new ZaloAuthError(`No refresh token for OA "${this.account.alias}"`, { kind: 'auth', hint: this.relogin() });
    }
    this.refreshCount++;
    let pair: TokenPair;
    try {
      pair = await this.refresh(this.account, refreshToken);
    } catch (e) {
      return this.afterFailedGrant(e, refreshToken, rejected);
    }
    const answered = performance.now();
    const next = this.hold(pair);
    await this.keep(session, next);
    this.lastStoreMs = performance.now() - answered;
    return next.access_token;
  }

  /**
   * The grant failed. It is never sent again here: if Zalo processed it, the refresh token we hold
   * is spent. First look whether a newer pair reached the store (another process, or a lock that
   * was judged abandoned), then say what is known.
   */
  private async afterFailedGrant(e: unknown, spent: string, rejected?: string): Promise<string> {
    const stored = await this.store.load(this.account.alias).catch(() => undefined);
    if (stored && stored.refresh_token !== spent) {
      this.use(stored);
      if (this.usable(stored, rejected)) return stored.access_token;
    }
    const oa = this.account.alias;
    const err = e instanceof ZaloError ? e : undefined;
    if (err && err.code !== null) {
      throw new ZaloAuthError(`Refreshing the access token for OA "${oa}" failed: ${err.message}`, { code: err.code, kind: 'auth', hint: refreshFailureHint(err, this.relogin()) });
    }
    if (err instanceof ZaloNetworkError && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(err.message)) {
      throw new ZaloNetworkError(`Refreshing the access token for OA "${oa}" failed: Zalo's OAuth endpoint could not be reached (nothing was sent)`, {
        kind: 'network',
        hint: 'The refresh token is unused: call again shortly; check the network and ZALO_OAUTH_URL if it persists.',
      });
    }
    this.log.warning('refresh grant answer lost; not re-sent', { oa, reason: err?.kind ?? 'unexpected' });
    throw new ZaloAuthError(
      `Refreshing the access token for OA "${oa}" got no usable answer (${err ? err.message : 'unexpected error'}): the refresh token may have been used`,
      { kind: 'auth', hint: `Call again once; if that fails too, run \`zalo-oa-mcp login --oa ${oa}\` to authorise the OA again.` },
    );
  }

  /** Make a pair from Zalo current before anything else can happen to it. */
  private hold(pair: TokenPair, oaId = this.current?.oa_id): StoredTokens {
    const next: StoredTokens = {
      access_token: pair.access_token,
      refresh_token: pair.refresh_token,
      access_expires_at: this.now() + pair.expires_in * 1000,
      updated_at: this.now(),
      ...(oaId ? { oa_id: oaId } : {}),
    };
    this.use(next);
    this.unsaved = true;
    return next;
  }

  /**
   * Store a pair held in memory, retrying a failed write. If it still fails, the call goes on with
   * the pair in memory (the next refresh stores it) and the failure is logged, without the pair.
   */
  private async keep(session: RefreshSession, pair: StoredTokens): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await session.save(pair); // first statement: the store captures the pair synchronously
        if (this.current === pair) this.unsaved = false;
        return;
      } catch (e) {
        if (attempt >= SAVE_ATTEMPTS) {
          this.log.error(`could not store the new token pair of OA "${this.account.alias}"; it is kept in memory and stored at the next refresh. Fix the token store: after a restart the OA would need \`zalo-oa-mcp login\``, {
            oa: this.account.alias, attempts: attempt, error: (e as Error).message,
          });
          return;
        }
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
  }

  private relogin(): string {
    return `Run \`zalo-oa-mcp login --oa ${this.account.alias}\` to authorise the OA again.`;
  }

  /** Make `tokens` current; they are secrets from now on. */
  private use(tokens: StoredTokens): void {
    registerSecret(tokens.access_token);
    registerSecret(tokens.refresh_token);
    this.current = tokens;
  }
}
