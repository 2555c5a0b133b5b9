/**
 * The abort signal of one Zalo attempt: aborted at the deadline or when the caller's signal is.
 * One timer and no AbortController: AbortSignal.timeout + AbortSignal.any cost ~0.2 ms of CPU a
 * call, and even one AbortController (an EventTarget given its own prototype and listener map)
 * was the largest single cost of a call after the SDK's (issue 14). undici's request() needs
 * only what AttemptSignal has: `aborted`, `reason` and add/removeEventListener('abort').
 * `done()` clears the timer and stops following the caller once the attempt is over.
 */
export class AttemptSignal {
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

/**
 * Our listeners on a caller's signal: one real 'abort' listener per signal, however many attempts
 * and retry waits it covers (a phone lookup fans out 64 wide), so no signal needs its listener
 * limit raised and no attempt pays for an EventTarget listener of its own.
 */
const following = new WeakMap<AbortSignal, Set<() => void>>();

/** Runs `listener` when `signal` aborts (at once if it has); returns the way to stop following it. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  if (signal.aborted) {
    listener();
    return () => undefined;
  }
  let listeners = following.get(signal);
  if (!listeners) {
    const created = new Set<() => void>();
    following.set(signal, created);
    signal.addEventListener('abort', () => {
      following.delete(signal);
      for (const l of created) l();
    }, { once: true });
    listeners = created;
  }
  const own = listeners;
  own.add(listener);
  return () => void own.delete(listener);
}

export function attemptDeadline(timeoutMs: number, caller?: AbortSignal): { signal: AttemptSignal; done: () => void } {
  const signal = new AttemptSignal();
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
