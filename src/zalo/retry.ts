/**
 * Retry timing for reads: jittered exponential backoff (0.5 s → 8 s), Zalo's Retry-After when it
 * sends one, and an abortable sleep. Which errors are retried is decided by the client.
 */
import { ZaloError } from './errors.js';
import { onAbort, type AbortLike } from './deadline.js';

/**
 * Longest Retry-After we wait out inside one call. A longer one is returned to the caller (the
 * tool result carries retry_after_s): two 60 s sleeps would outlast an MCP client's request
 * timeout (60 s in the SDK) while the server kept retrying for nobody.
 */
export const MAX_RETRY_AFTER_S = 10;

/** The wait before retry number `attempt + 1`. */
export function retryDelay(attempt: number, o: { baseMs: number; random: () => number; retryAfterS?: number }): number {
  if (o.retryAfterS !== undefined) return Math.round(o.retryAfterS * 1000);
  const base = Math.min(o.baseMs * 2 ** attempt, 8000);
  return Math.round(base / 2 + o.random() * (base / 2));
}

/** Retry-After in seconds (delta or HTTP date). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Sleep that ends early, with a cancellation error, when `signal` aborts. */
export function sleep(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve, reject) => {
    // Stop following the signal once the delay is over: a long-lived signal must not collect one per retry.
    const timer = setTimeout(() => {
      unfollow?.();
      resolve();
    }, ms);
    const unfollow = signal && onAbort(signal, () => {
      clearTimeout(timer);
      reject(new ZaloError('The call was cancelled', { kind: 'network', hint: 'It was cancelled by the client; call again if still needed.' }));
    });
  });
}
