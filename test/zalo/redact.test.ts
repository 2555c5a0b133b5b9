/**
 * Secrets never leave the process: redact() on known secrets and token-looking values, every
 * log line (and log sink), and the isError text and structuredContent of a failing tool, with
 * the simulator echoing the live access token and the app secret in its error message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { redact, REDACTED, registerSecret } from '../../src/zalo/redact.js';
import { createTestContext, type TestContext } from '../harness.js';

describe('redact', () => {
  it('replaces every occurrence of a registered secret', () => {
    registerSecret('s3cr3t-value-abc');
    expect(redact('a s3cr3t-value-abc b s3cr3t-value-abc')).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('ignores values too short to be secrets, so ordinary text is not mangled', () => {
    registerSecret('1234567');
    registerSecret('');
    registerSecret(undefined);
    expect(redact('order 1234567 shipped')).toBe('order 1234567 shipped');
  });

  it('hides all of a secret that contains another registered secret', () => {
    registerSecret('inner-secret-01');
    registerSecret('prefix-inner-secret-01-tail-part');
    expect(redact('x prefix-inner-secret-01-tail-part y')).toBe(`x ${REDACTED} y`);
  });

  it.each([
    ['form body', 'refresh_token=abcDEF123456&app_id=1', `refresh_token=${REDACTED}&app_id=1`],
    ['JSON', '{"access_token":"abcDEF123456","expires_in":"90000"}', `{"access_token":"${REDACTED}","expires_in":"90000"}`],
    ['JSON with spaces', '{ "secret_key": "abcDEF123456" }', `{ "secret_key": "${REDACTED}" }`],
    ['header dump', 'access_token: abcDEF123456', `access_token: ${REDACTED}`],
    ['bearer', 'Authorization: Bearer abc.DEF-123_456', `Authorization: ${REDACTED}`],
    ['bare bearer', 'sent Bearer abc.DEF-123_456 upstream', `sent Bearer ${REDACTED} upstream`],
    ['camelCase object', '{"appSecret":"abcDEF123456","accessToken":"zyx987654321"}', `{"appSecret":"${REDACTED}","accessToken":"${REDACTED}"}`],
    ['PKCE verifier', 'code_verifier=abcDEF123456', `code_verifier=${REDACTED}`],
  ])('redacts token-looking values it never saw (%s)', (_, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves text without secrets alone', () => {
    const text = 'Send text failed: user has not interacted in 7 days (Zalo error -230). Use zns_send.';
    expect(redact(text)).toBe(text);
  });
});

describe('logger', () => {
  it('redacts the message and the data of every line and every sink', () => {
    registerSecret('sbx_at_known-token-value');
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    const sunk: unknown[] = [];
    log.addSink((level, message, data) => sunk.push({ level, message, data }));
    log.info('refreshed with sbx_at_known-token-value', { refresh_token: 'never-seen-refresh-1', nested: { appSecret: 'never-seen-secret-2' } });
    log.error('upstream said access_token=never-seen-access-3');
    const all = JSON.stringify([lines, sunk]);
    for (const s of ['sbx_at_known-token-value', 'never-seen-refresh-1', 'never-seen-secret-2', 'never-seen-access-3']) expect(all).not.toContain(s);
    expect(lines[0]).toBe(`[zalo-oa-mcp] info: refreshed with ${REDACTED} {"refresh_token":"${REDACTED}","nested":{"appSecret":"${REDACTED}"}}`);
    expect(sunk[0]).toEqual({ level: 'info', message: `refreshed with ${REDACTED}`, data: { refresh_token: REDACTED, nested: { appSecret: REDACTED } } });
  });

  it('writes only lines at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger('warning', (l) => lines.push(l));
    log.debug('d');
    log.info('i');
    log.warning('w');
    log.error('e');
    expect(lines).toEqual(['[zalo-oa-mcp] warning: w', '[zalo-oa-mcp] error: e']);
  });
});

describe('tool errors', () => {
  let t: TestContext;
  const lines: string[] = [];
  let removeSink: () => void;
  beforeEach(async () => {
    lines.length = 0;
    t = await createTestContext();
    // The runtime's logger is silent in tests; capture what the server logs through a sink.
    removeSink = t.runtime.log.addSink((level, message, data) => lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`));
  });
  afterEach(async () => {
    removeSink();
    await t.close();
  });

  it('never shows the live access token or the app secret in the isError text or structuredContent', async () => {
    await t.ok('oa_get_profile');
    const token = String(t.sim.calls('/v2.0/oa/getoa')[0]!.headers['access_token']);
    const secret = t.config.accounts[0]!.appSecret;
    const refresh = t.sim.oa().refresh_token;
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -201, message: `bad token ${token} (app ${secret}, refresh ${refresh})` });
    const result = await t.call('oa_get_profile');
    expect(result.isError).toBe(true);
    const everything = JSON.stringify(result) + lines.join('\n');
    for (const s of [token, secret, refresh]) expect(everything).not.toContain(s);
    expect((result.content[0] as { text: string }).text).toBe(
      `Get OA profile failed: bad token ${REDACTED} (app ${REDACTED}, refresh ${REDACTED}) (Zalo error -201). Fix the parameter Zalo names in the message and call again.`,
    );
  });

  it('keeps the tokens of a refresh and replay out of the log', async () => {
    await t.ok('oa_get_profile');
    t.sim.expireTokens();
    await t.ok('oa_get_profile');
    const secrets = t.sim.requests.flatMap((r) => [r.headers['access_token'], r.body.refresh_token, r.headers['secret_key']]).filter(Boolean).map(String);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const log = lines.join('\n');
    expect(log).toContain('access token rejected');
    for (const s of secrets) expect(log).not.toContain(s);
  });
});
