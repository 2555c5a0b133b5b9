/**
 * The fault matrix: every transport fault the simulator can inject (src/sandbox/faults.ts), for
 * a read (oa_get_profile, retried at most twice) and a send (messages_send_text, never retried),
 * through the real MCP client. A send whose answer was lost after Zalo may have acted says so and
 * points at conversations_get_history; a send Zalo refused says why; nothing is an internal error.
 */
import { connect } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROCESSED } from '../../src/sandbox/faults.js';
import type { FaultRule, FailRule } from '../../src/sandbox/server.js';
import { createTestContext, type TestContext } from '../harness.js';
import { followerIn } from '../tools/messages/helpers.js';
import { files } from '../uploads/fixtures.js';

const TIMEOUT_MS = 400;
const MAY_HAVE = 'may have been delivered; check conversations_get_history before sending again';
const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;

type Rule = Omit<FaultRule, 'path'> | Omit<FailRule, 'path'>;

interface Row {
  name: string;
  rule: Rule;
  /** The read: 'retried' = one failed attempt then success; otherwise the error text it must show. */
  read: 'retried' | RegExp;
  /** The send: did Zalo act (the message is in the history)? Is the outcome reported as unknown? */
  send: { delivered: boolean; uncertain: boolean; says?: RegExp };
}

const ROWS: Row[] = [
  { name: 'answer lost after processing (lose)', rule: { code: 0, lose: true }, read: 'retried', send: { delivered: true, uncertain: true } },
  { name: 'reset mid-body', rule: { fault: 'reset' }, read: 'retried', send: { delivered: true, uncertain: true } },
  { name: 'timeout before headers', rule: { fault: 'hang' }, read: 'retried', send: { delivered: true, uncertain: true, says: /did not answer within 400 ms/ } },
  { name: 'slow body', rule: { fault: 'slow-body', delayMs: 100 }, read: 'retried', send: { delivered: true, uncertain: true } },
  ...[500, 502, 503].map((status): Row => ({ name: `HTTP ${status}`, rule: { fault: 'http', status }, read: 'retried', send: { delivered: false, uncertain: true, says: new RegExp(`HTTP ${status}`) } })),
  ...[500, 502, 503].map((status): Row => ({ name: `HTTP ${status} + Retry-After`, rule: { fault: 'http', status, retryAfterS: 1 }, read: 'retried', send: { delivered: false, uncertain: true } })),
  { name: 'HTTP 429', rule: { fault: 'http', status: 429 }, read: 'retried', send: { delivered: false, uncertain: false, says: /HTTP 429/ } },
  { name: 'HTTP 429 + Retry-After', rule: { fault: 'http', status: 429, retryAfterS: 1 }, read: 'retried', send: { delivered: false, uncertain: false, says: /HTTP 429/ } },
  { name: 'Zalo error -32 with HTTP 503', rule: { fault: 'zalo-5xx', status: 503, code: -32 }, read: 'retried', send: { delivered: false, uncertain: false, says: /Zalo error -32/ } },
  { name: 'Zalo error -201 with HTTP 500', rule: { fault: 'zalo-5xx', status: 500, code: -201, message: 'user_id is invalid!' }, read: /user_id is invalid!.*Zalo error -201/, send: { delivered: false, uncertain: false, says: /Zalo error -201/ } },
  { name: 'malformed JSON', rule: { fault: 'malformed-json' }, read: /HTTP 200 without JSON/, send: { delivered: true, uncertain: true } },
  { name: 'HTML page (HTTP 200)', rule: { fault: 'html' }, read: /HTTP 200 without JSON/, send: { delivered: false, uncertain: true } },
  { name: 'empty body', rule: { fault: 'empty' }, read: /HTTP 200 without JSON/, send: { delivered: true, uncertain: true } },
  { name: 'huge body', rule: { fault: 'huge', bytes: 3 * 1024 * 1024 }, read: /larger than 2 MB and was not read/, send: { delivered: true, uncertain: true } },
];

describe('fault matrix', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ override: (c) => ({ ...c, timeoutMs: TIMEOUT_MS }), client: { maxResponseBytes: 2 * 1024 * 1024 } });
    await t.ok('oa_get_profile'); // the first token refresh is not part of any row
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(ROWS)('$name', (row) => {
    it('read (oa_get_profile)', async () => {
      const before = t.sim.calls('/v2.0/oa/getoa').length;
      t.sim.failNext({ path: '/v2.0/oa/getoa', ...row.rule } as FaultRule);
      const started = Date.now();
      const r = await t.call('oa_get_profile');
      const attempts = t.sim.calls('/v2.0/oa/getoa').length - before;
      expect(text(r)).not.toMatch(/internal error/i);
      if (row.read === 'retried') {
        expect(r.isError, text(r)).toBeFalsy();
        expect(r.structuredContent).toMatchObject({ oa_id: t.sim.oa().profile.oa_id });
        expect(attempts).toBe(2);
        if ('retryAfterS' in row.rule && row.rule.retryAfterS) expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      } else {
        expect(r.isError).toBe(true);
        expect(text(r)).toMatch(row.read);
        expect(attempts).toBe(1);
      }
    });

    it('send (messages_send_text)', async () => {
      const f = followerIn(t.sim, 'within_48h');
      f.cs_used_in_window = 0;
      const body = `fault ${row.name} ${Math.random()}`;
      const before = t.sim.calls('/message/cs').length;
      t.sim.failNext({ path: '/message/cs', ...row.rule } as FaultRule);
      const r = await t.call('messages_send_text', { user_id: f.user_id, text: body });
      expect(r.isError).toBe(true);
      expect(t.sim.calls('/message/cs').length - before).toBe(1); // never repeated
      const msg = text(r);
      expect(msg).not.toMatch(/internal error/i);
      if (row.send.uncertain) expect(msg).toContain(MAY_HAVE);
      else expect(msg).not.toContain('may have been');
      if (row.send.says) expect(msg).toMatch(row.send.says);
      expect((r.structuredContent as { error: boolean }).error).toBe(true);
      const history = await t.ok('conversations_get_history', { user_id: f.user_id, count: 10 });
      expect((history.items as Array<{ text?: string }>).some((m) => m.text === body)).toBe(row.send.delivered);
    });
  });

  it('a Retry-After beyond 10 s is not waited out: the read fails at once and carries retry_after_s', async () => {
    const before = t.sim.calls('/v2.0/oa/getoa').length;
    t.sim.failNext({ path: '/v2.0/oa/getoa', fault: 'http', status: 503, retryAfterS: 120 });
    const r = await t.call('oa_get_profile');
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ retry_after_s: 120 });
    expect(t.sim.calls('/v2.0/oa/getoa').length - before).toBe(1);
  });

  it('a read that keeps failing stops after 3 attempts with an actionable error', async () => {
    const before = t.sim.calls('/v2.0/oa/getoa').length;
    t.sim.failNext({ path: '/v2.0/oa/getoa', fault: 'http', status: 502, times: 3 });
    const r = await t.call('oa_get_profile');
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/HTTP 502.*try again shortly/i);
    expect(t.sim.calls('/v2.0/oa/getoa').length - before).toBe(3);
  });
});

describe.each(ROWS.filter((r) => 'fault' in r.rule))('fault matrix, refresh grant: $name', (row) => {
  // Each row spends or keeps the OA's single-use refresh token, so each gets its own simulator.
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext({ override: (c) => ({ ...c, timeoutMs: TIMEOUT_MS }), client: { maxResponseBytes: 2 * 1024 * 1024 } });
    await t.ok('oa_get_profile');
  });
  afterEach(async () => {
    await t.close();
  });

  it('is sent once, says what is known without a secret, and the pair survives whenever Zalo did not act', async () => {
    const kind = (row.rule as FaultRule).fault;
    const spent = t.sim.oa().refresh_token;
    t.sim.expireTokens();
    t.sim.failNext({ path: '/v4/oa/access_token', ...row.rule } as FaultRule);
    const r = await t.call('oa_get_profile');
    expect(r.isError).toBe(true);
    expect(t.sim.calls('/v4/oa/access_token')).toHaveLength(2); // the initial one, and this one once
    const msg = text(r);
    expect(msg).not.toMatch(/internal error/i);
    expect(msg).not.toContain(spent);
    expect(msg).not.toContain(t.sim.oa().refresh_token);
    if (kind === 'zalo-5xx') expect(msg).toMatch(/Zalo error -(32|201)/);
    else expect(msg).toMatch(/the refresh token may have been used/);
    const next = await t.call('oa_get_profile');
    if (PROCESSED.has(kind)) {
      // Zalo rotated the pair and the answer was lost: the OA needs a new login, and says so.
      expect(next.isError).toBe(true);
      expect(text(next)).toContain('zalo-oa-mcp login');
    } else {
      expect(next.isError, text(next)).toBeFalsy();
    }
  });
});

describe('fault matrix: what a write whose answer was lost says, by kind of write', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.ok('oa_get_profile');
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['zns_send', '/message/template', () => ({ phone: '0912345678', template_id: '304512', template_data: { customer_name: 'Minh', order_code: 'HS-77', price: '120000', order_date: '25/11/2026' } }), /may have been delivered; compare zns_get_quota/],
    ['media_upload_image', '/upload/image', () => ({ base64: files.png(300).toString('base64') }), /upload may have completed but its id was lost; uploading again is safe/],
    ['tags_add_follower', '/tag/tagfollower', (t: TestContext) => ({ user_id: followerIn(t.sim, 'within_48h').user_id, tag: 'vip' }), /change may have been applied; read it back/],
  ])('%s', async (tool, path, args, says) => {
    const before = t.sim.calls(path).length;
    t.sim.failNext({ path, fault: 'reset' });
    const msg = await t.fail(tool, args(t));
    expect(msg).toMatch(says);
    expect(msg).toContain('not repeated automatically');
    expect(t.sim.calls(path).length - before).toBe(1);
  });
});

describe('fault matrix: connection refused', () => {
  let t: TestContext;
  let deadPort: number;
  beforeEach(async () => {
    // Port 1 is below the ephemeral range, so no listen(0) elsewhere in the run can take it (a port
    // freed a moment ago could be, and once was); the probe proves nothing serves it here.
    deadPort = 1;
    await new Promise<void>((resolve, reject) => {
      const probe = connect(deadPort, '127.0.0.1');
      probe.once('connect', () => {
        probe.destroy();
        reject(new Error(`something listens on 127.0.0.1:${deadPort}`));
      });
      probe.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? resolve() : reject(e)));
    });
    t = await createTestContext();
    await t.ok('oa_get_profile');
    const dead = `http://127.0.0.1:${deadPort}/openapi`;
    t.runtime.client.config.urls.openapi = dead;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('read: retried, then "could not reach Zalo"; send: says it was not delivered (nothing to check)', async () => {
    const read = await t.call('oa_get_profile');
    expect(read.isError).toBe(true);
    expect(text(read)).toMatch(/Could not reach Zalo.*ECONNREFUSED/);
    const f = followerIn(t.sim, 'within_48h');
    const send = await t.call('messages_send_text', { user_id: f.user_id, text: 'refused' });
    expect(send.isError).toBe(true);
    expect(text(send)).toMatch(/Could not reach Zalo/);
    expect(text(send)).not.toContain('may have been');
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });
});
