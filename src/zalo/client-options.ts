/** The ZaloClient's options and its dry-run request shape (kept apart so client.ts stays under 300 lines). */
import type { Dispatcher } from 'undici';
import type { Logger } from '../log.js';
import type { TokenStore } from './token-store.js';

export interface DryRunRequest {
  oa: string;
  method: string;
  url: string;
  body?: unknown;
  file?: { field: string; filename: string; content_type: string; bytes: number };
}

export interface ZaloClientOptions {
  store?: TokenStore;
  dispatcher?: Dispatcher;
  log?: Logger;
  now?: () => number;
  /** First retry delay (grows ×2 with jitter up to 8 s) and a timeout below ZALO_TIMEOUT_MS's 1 s floor: tests shorten them. */
  retryBaseMs?: number; timeoutMs?: number;
  maxRetries?: number;
  random?: () => number;
  /** Largest answer read from Zalo (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Largest user/getlist offset Zalo accepts (default MAX_LIST_OFFSET, 9951); tests lower it with the simulator's. */
  maxListOffset?: number;
}
