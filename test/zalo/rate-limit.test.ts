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

  it('starts at once while nobody waits, and a newcomer never passes a start waiting for the bucket', async () => {
    vi.useFakeTimers();
    const limiter = new Limiter(50, { perMinute: 6 });
    const order: string[] = [];
    const job = (name: string) => limiter.run(async () => void order.push(`${name}@${Date.now() - t0}`));
    const t0 = Date.now();
    // Within the budget a start happens in the same tick: no queue between caller and request.
    void job('a');
    expect(order).toEqual(['a@0']);
    const rest = [...'bcdefg'].map(job); // b-f spend the bucket, g waits 10 s for a token
    await vi.advanceTimersByTimeAsync(9_000);
    const late = job('h'); // a token is almost back, but g is first in line
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all([...rest, late]);
    expect(order).toEqual(['a@0', 'b@0', 'c@0', 'd@0', 'e@0', 'f@0', 'g@10000', 'h@20000']);
  });
});
