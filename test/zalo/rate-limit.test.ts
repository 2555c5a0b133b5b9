import { afterEach, describe, expect, it, vi } from 'vitest';
import { Limiter } from '../../src/zalo/rate-limit.js';

afterEach(() => vi.useRealTimers());

describe('Limiter', () => {
  it('keeps at most `concurrency` calls in flight, in arrival order', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.run(async () => {
      active++;
      peak = Math.max(peak, active);
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    })));
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts a burst within the per-minute budget at once, then paces to the budget', async () => {
    vi.useFakeTimers();
    const limiter = new Limiter(50, { perMinute: 6 }); // one every 10 s once the burst is spent
    const started: number[] = [];
    const t0 = Date.now();
    const all = Promise.all(Array.from({ length: 8 }, () => limiter.run(async () => void started.push(Date.now() - t0))));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 0, 0, 0, 0, 0]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(started).toHaveLength(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(10_000);
    await all;
    expect(started.slice(6)).toEqual([10_000, 20_000]);
  });
});
