/**
 * A per-API-family limiter: at most `concurrency` requests in flight, and at most `perMinute`
 * started in any minute (a token bucket that refills continuously, full at start). Zalo allows
 * an app 4,000 requests a minute and answers -32 beyond (ZALO_API.md); pacing ourselves keeps a
 * burst from an agent (e.g. 100 profile reads) from tripping it, while a burst within the budget
 * goes at full speed.
 */
export interface LimiterOptions {
  /** Requests started per rolling minute; unlimited when omitted. */
  perMinute?: number;
  now?: () => number;
}

/** Zalo's documented per-app budget [D S§15.1]. */
export const ZALO_APP_REQUESTS_PER_MINUTE = 4000;

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private tokens: number;
  private refilledAt: number;
  private readonly now: () => number;
  private paced: Promise<void> = Promise.resolve();
  private perMinute: number | undefined;
  /** Starts waiting in line for the bucket. */
  private pacing = 0;

  constructor(private readonly concurrency: number, options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.perMinute = options.perMinute;
    this.tokens = options.perMinute ?? Infinity;
    this.refilledAt = this.now();
  }

  /** Change the per-minute budget (replicas sharing one app's budget); a fuller bucket is cut to it. */
  setPerMinute(perMinute: number): void {
    if (this.perMinute === undefined) return; // unlimited stays unlimited
    this.perMinute = perMinute;
    this.tokens = Math.min(this.tokens, perMinute);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // Nobody waiting, a slot and a token free: start now, without a trip through the queues.
    if (!this.startNow()) await this.acquire();
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private startNow(): boolean {
    if (this.active >= this.concurrency || this.pacing > 0) return false;
    if (this.perMinute !== undefined) {
      this.refill(this.perMinute);
      if (this.tokens < 1) return false;
      this.tokens -= 1;
    }
    this.active++;
    return true;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) this.active++;
    else await new Promise<void>((r) => this.waiting.push(r));
    if (this.perMinute === undefined) return;
    // Starts wait in line for the bucket, so they leave it in order.
    this.pacing++;
    const turn = this.paced.then(() => this.take());
    this.paced = turn;
    try {
      await turn;
    } finally {
      this.pacing--;
    }
  }

  private refill(perMinute: number): void {
    const t = this.now();
    this.tokens = Math.min(perMinute, this.tokens + (Math.max(0, t - this.refilledAt) * perMinute) / 60_000);
    this.refilledAt = t;
  }

  private async take(): Promise<void> {
    const perMinute = this.perMinute!;
    this.refill(perMinute);
    if (this.tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) * 60_000) / perMinute)));
      this.refill(perMinute);
    }
    this.tokens -= 1;
  }
}
