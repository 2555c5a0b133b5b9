/**
 * The per-attempt deadline (issue 14: no AbortController per Zalo attempt) and how attempts and
 * retry waits follow the caller's signal: through one listener per signal, whatever the fan-out.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { attemptDeadline, LightSignal, callSignal, onAbort } from '../../src/zalo/deadline.js';
import { sleep } from '../../src/zalo/retry.js';

describe('attemptDeadline', () => {
  it('aborts at the deadline with a TimeoutError, firing each undici-style listener once', async () => {
    const attempt = attemptDeadline(30);
    let fired = 0;
    attempt.signal.addEventListener('abort', () => fired++);
    expect(attempt.signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 30 ms' });
    attempt.signal.abort(new Error('again'));
    expect(fired).toBe(1);
    expect((attempt.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('done() clears the timer: a finished attempt is never aborted later', async () => {
    const attempt = attemptDeadline(20);
    attempt.done();
    await new Promise((r) => setTimeout(r, 60));
    expect(attempt.signal.aborted).toBe(false);
  });

  it('a removed listener is not called', () => {
    const signal = new LightSignal();
    let called = false;
    const listener = () => void (called = true);
    signal.addEventListener('abort', listener);
    signal.removeEventListener('abort', listener);
    signal.abort('x');
    expect(called).toBe(false);
  });

  it('64 attempts of one call add one listener to its MCP signal, and its abort reaches each with its reason', () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const caller = new AbortController();
      const call = callSignal(caller.signal);
      const attempts = Array.from({ length: 64 }, () => attemptDeadline(60_000, call));
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
      caller.abort('client cancelled');
      for (const a of attempts) {
        expect(a.signal.aborted).toBe(true);
        expect(a.signal.reason).toBe('client cancelled');
        a.done();
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('an attempt that is done no longer follows the caller', () => {
    const caller = new AbortController();
    const call = callSignal(caller.signal);
    const finished = attemptDeadline(60_000, call);
    const running = attemptDeadline(60_000, call);
    finished.done();
    caller.abort('stop');
    expect(finished.signal.aborted).toBe(false);
    expect(running.signal.aborted).toBe(true);
    running.done();
  });

  it('an attempt started on an aborted signal is aborted at once', () => {
    const caller = new AbortController();
    caller.abort('gone');
    const attempt = attemptDeadline(60_000, caller.signal);
    expect(attempt.signal).toMatchObject({ aborted: true, reason: 'gone' });
    attempt.done();
  });
});

describe('onAbort and retry waits', () => {
  it('a retry wait on an already aborted signal ends at once with a cancellation', async () => {
    const caller = new AbortController();
    caller.abort();
    const started = Date.now();
    await expect(sleep(5_000, caller.signal)).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits and attempts of one call share its one listener; a finished wait or attempt leaves nothing behind', async () => {
    const caller = new AbortController();
    const call = callSignal(caller.signal);
    const attempt = attemptDeadline(60_000, call);
    await sleep(5, call);
    let stoppedHeard = false;
    const stop = onAbort(call, () => void (stoppedHeard = true));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    stop();
    attempt.done();
    const waiting = sleep(60_000, call);
    caller.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(stoppedHeard).toBe(false);
    expect(attempt.signal.aborted).toBe(false);
  });

  it('a plain AbortSignal works too (resources, tests): followed directly, and let go when done', () => {
    const caller = new AbortController();
    const attempt = attemptDeadline(60_000, caller.signal);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    attempt.done();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
