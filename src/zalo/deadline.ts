/**
 * Cancellation and deadlines of Zalo requests without an AbortController per attempt: creating one
 * (an EventTarget given its own prototype and listener map), adding its listener to the caller's
 * signal and raising that signal's listener limit were the largest costs of a call after the
 * SDK's (issue 14; AbortSignal.timeout + AbortSignal.any cost ~0.2 ms more). A LightSignal has
 * what undici's request() and our retry waits need of a signal and nothing else.
 */

/** What the client needs of a signal: an AbortSignal, or a LightSignal. */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class LightSignal implements AbortLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> = [];

  addEventListener(type: string, listener: () => void): void {
    if (type === 'abort' && !this.aborted) this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    const at = this.listeners.indexOf(listener);
    if (type === 'abort' && at >= 0) this.listeners.splice(at, 1);
  }

  /** Fires each listener once, like an AbortSignal's abort event; later calls do nothing. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** Runs `listener` when `signal` aborts (at once if it has); returns the way to stop following it. */
export function onAbort(signal: AbortLike, listener: () => void): () => void {
  if (signal.aborted) {
    listener();
    return () => undefined;
  }
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/**
 * A tool call's signal as its Zalo requests see it: it follows the MCP request's AbortSignal
 * through one listener, and each attempt and retry wait follows it instead, however many there
 * are (a phone lookup fans out 64 wide), so no signal needs its listener limit raised.
 */
export function callSignal(caller: AbortSignal): LightSignal {
  const signal = new LightSignal();
  onAbort(caller, () => signal.abort(caller.reason));
  return signal;
}

/**
 * The signal of one Zalo attempt: aborted at the deadline (one timer) or when the caller's signal
 * is. `done()` clears the timer and stops following the caller once the attempt is over.
 */
export function attemptDeadline(timeoutMs: number, caller?: AbortLike): { signal: LightSignal; done: () => void } {
  const signal = new LightSignal();
  const timer = setTimeout(() => signal.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const unfollow = caller ? onAbort(caller, () => signal.abort(caller.reason)) : undefined;
  return {
    signal,
    done: () => {
      clearTimeout(timer);
      unfollow?.();
    },
  };
}
