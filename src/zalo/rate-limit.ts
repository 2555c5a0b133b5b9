/**
 * A per-API-family limiter: at most `concurrency` requests in flight and at least `minIntervalMs`
 * between starts. Zalo answers -32 when an app exceeds its per-minute budget; pacing ourselves
 * keeps a burst from an agent (e.g. 100 profile reads) from tripping it.
 */
export class Limiter {
  private active = 0;
  private lastStart = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number, private readonly minIntervalMs = 0) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) this.active++;
    else await new Promise<void>((r) => this.waiting.push(r));
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    this.lastStart = Math.max(Date.now(), this.lastStart + this.minIntervalMs);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
