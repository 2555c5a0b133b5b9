/**
 * The HTTP log router (issue 14): a line is formatted and redacted only when the session whose
 * request emitted it (Logger.forRequest) takes that level, and then reaches that session only.
 */
import { describe, expect, it } from 'vitest';
import type { LogLevel } from '../../src/config.js';
import { SessionLogRouter } from '../../src/http/log-router.js';
import { createLogger } from '../../src/log.js';

describe('SessionLogRouter', () => {
  it('leaves a line no session takes unformatted, and hands the others to the emitting session only', () => {
    const log = createLogger('error', () => undefined);
    const router = new SessionLogRouter(log);
    let formatted = 0;
    const data = () => ({ n: { toJSON: () => ++formatted } });
    const got: Record<string, string[]> = { a: [], b: [] };
    const levels: Record<string, LogLevel[]> = { a: ['info', 'warning', 'error'], b: ['debug', 'info', 'warning', 'error'] };
    for (const s of ['a', 'b']) router.add(s, (level, message) => got[s]!.push(`${level} ${message}`), (level) => levels[s]!.includes(level));

    log.forRequest({ session: 'a' }).debug('per-call detail', data());
    expect(formatted).toBe(0); // a does not take debug: not even stringified for redaction
    log.forRequest({ session: 'a', requestId: 7 }).info('for a', data());
    log.forRequest({ session: 'b' }).debug('for b', data());
    log.info('outside any request', data());
    expect(got).toEqual({ a: ['info for a'], b: ['debug for b'] });
    expect(formatted).toBe(2);
    router.close();
  });
});
