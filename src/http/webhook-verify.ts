/**
 * Zalo's webhook signature (ZALO_API.md §13): `X-ZEvent-Signature: mac=<hex>`, hex being the
 * plain SHA-256 (not an HMAC) of appId + raw body + timestamp + key. Sources disagree on the key
 * (the OA secret key vs the app secret) and on the first term (app_id vs oa_id) [X], so every
 * combination is tried — all of them, compared in constant time — and the caller learns which one
 * matched (a label, never a key) so an operator can see what their OA actually uses.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

export interface SignatureKey {
  /** What the key is, for the log: never the key itself. */
  label: string;
  value: string;
  /** The OA whose app secret this is. */
  alias?: string;
}

/** The keys a configuration can verify with: ZALO_WEBHOOK_SECRET first, then each app secret. */
export function signatureKeys(config: Config): SignatureKey[] {
  const keys: SignatureKey[] = config.webhookSecret ? [{ label: 'OA secret key (ZALO_WEBHOOK_SECRET)', value: config.webhookSecret }] : [];
  for (const a of config.accounts) keys.push({ label: `app secret of OA "${a.alias}"`, value: a.appSecret, alias: a.alias });
  return keys;
}

/** The ids a signature may start with: the body's app_id and OA id, and every configured app id. */
export function firstTerms(body: Record<string, unknown>, config: Config): Array<{ label: string; value: string }> {
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined);
  const candidates: Array<[string, unknown]> = [
    ['app_id', body.app_id],
    ['oa_id', body.oa_id ?? body.oaId],
    ['oa_id', idOf(body.recipient)],
    ['oa_id', idOf(body.sender)],
    ...config.accounts.map((a): [string, unknown] => ['app_id', a.appId]),
  ];
  const seen = new Set<string>();
  const out: Array<{ label: string; value: string }> = [];
  for (const [label, v] of candidates) {
    if ((typeof v !== 'string' && typeof v !== 'number') || !/^\d{1,25}$/.test(String(v)) || seen.has(String(v))) continue;
    seen.add(String(v));
    out.push({ label, value: String(v) });
  }
  return out;
}

export interface SignatureMatch {
  /** e.g. `app_id + OA secret key (ZALO_WEBHOOK_SECRET)`. */
  scheme: string;
  key: SignatureKey;
}

/** Which candidate signed `raw`, or undefined. Every candidate is hashed and compared, matched or not. */
export function verifySignature(header: string | undefined, raw: Buffer, timestamp: string, firsts: Array<{ label: string; value: string }>, keys: SignatureKey[]): SignatureMatch | undefined {
  const m = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(header ?? '');
  const given = m ? Buffer.from(m[1]!, 'hex') : Buffer.alloc(32);
  let match: SignatureMatch | undefined;
  for (const first of firsts) {
    for (const key of keys) {
      const digest = createHash('sha256').update(first.value).update(raw).update(timestamp).update(key.value).digest();
      if (timingSafeEqual(digest, given) && m && !match) match = { scheme: `${first.label} + ${key.label}`, key };
    }
  }
  return match;
}

/** Sign like Zalo (tests, the simulator's twin of this lives in src/sandbox). */
export function signWebhook(firstTerm: string, raw: string | Buffer, timestamp: string, key: string): string {
  return `mac=${createHash('sha256').update(firstTerm).update(raw).update(timestamp).update(key).digest('hex')}`;
}

/** Zalo retries a webhook 30 s, 5, 15, 30 min and 1 h after the first try (`num_retry` 1-5). */
const RETRY_DELAYS_MS = [30_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000];
export const WEBHOOK_SKEW_MS = 5 * 60_000;

/**
 * How far the event's timestamp may be from now: 5 minutes, plus for a retry the time Zalo waits
 * before it (its body, timestamp included, is the original's). A replay inside that window is a
 * duplicate, which the dedupe key stores only once.
 */
export function allowedSkewMs(numRetry: string | string[] | undefined): number {
  const n = Math.min(RETRY_DELAYS_MS.length, Math.max(0, Number.parseInt(String(numRetry ?? '0'), 10) || 0));
  return WEBHOOK_SKEW_MS + RETRY_DELAYS_MS.slice(0, n).reduce((a, b) => a + b, 0);
}
