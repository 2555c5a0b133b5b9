/**
 * The one tool wrapper and the selection around it, through a real MCP client: read-only mode,
 * toolsets and single-tool allow/deny lists, dry-run, invalid input that sends nothing, and the
 * isError text / structuredContent of every kind of failure.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { createServer } from '../../src/server.js';
import { ALL_TOOLS, selectTools, TOOLSETS } from '../../src/tools/registry.js';
import { CODE_TABLE } from '../../src/zalo/errors.js';
import { createTestContext, type TestContext } from '../harness.js';
import { tempDir } from '../tmp.js';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function listed(env: Record<string, string>): Promise<string[]> {
  t = await createTestContext({ env });
  return (await t.client.listTools()).tools.map((x) => x.name);
}

const text = (r: { content: unknown[] }) => (r.content[0] as { text: string }).text;
const follower = (c: TestContext) => [...c.sim.oa().followers.values()].find((f) => f.is_follower)!;
const writeTools = ALL_TOOLS.filter((x) => !x.annotations.readOnlyHint).map((x) => x.name);

describe('tool selection', () => {
  it('ZALO_READ_ONLY=1 lists no write tool and keeps the reads', async () => {
    const names = await listed({ ZALO_READ_ONLY: '1' });
    expect(names).toContain('oa_get_profile');
    expect(names).toContain('followers_list');
    expect(names.filter((n) => writeTools.includes(n))).toEqual([]);
    const listedTools = (await t!.client.listTools()).tools;
    expect(listedTools.every((x) => x.annotations?.readOnlyHint === true)).toBe(true);
    // Every read of the catalogue is still there.
    expect(names.sort()).toEqual(ALL_TOOLS.filter((x) => x.annotations.readOnlyHint).map((x) => x.name).sort());
  });

  it('a write tool is not callable in read-only mode, and nothing reaches Zalo', async () => {
    await listed({ ZALO_READ_ONLY: '1' });
    const r = await t!.call('tags_add_follower', { user_id: follower(t!).user_id, tag: 'vip' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/tags_add_follower/);
    expect(t!.sim.requests).toHaveLength(0);
  });

  it('ZALO_READ_ONLY wins over ZALO_TOOLS', async () => {
    const names = await listed({ ZALO_READ_ONLY: '1', ZALO_TOOLSETS: 'oa', ZALO_TOOLS: 'messages_send_text,followers_list' });
    expect(names).toContain('followers_list');
    expect(names).not.toContain('messages_send_text');
    expect(names).not.toContain('oa_update_menu');
  });

  it('ZALO_TOOLSETS=oa lists only the oa_* tools', async () => {
    const names = await listed({ ZALO_TOOLSETS: 'oa' });
    expect(names.sort()).toEqual(TOOLSETS.find((s) => s.name === 'oa')!.tools.map((x) => x.name).sort());
    expect(names.every((n) => n.startsWith('oa_'))).toBe(true);
    expect(names).toContain('oa_get_profile');
  });

  it('the default selection is the default toolsets', async () => {
    const names = await listed({ ZALO_TOOLSETS: 'default' });
    const prefixes = new Set(names.map((n) => n.split('_')[0]));
    expect([...prefixes].sort()).toEqual(TOOLSETS.filter((s) => s.default).map((s) => s.name).sort());
    expect(names).toContain('zns_send');
    expect(names).not.toContain('articles_broadcast');
  });

  it('ZALO_TOOLS adds single tools and ZALO_DENY_TOOLS drops them', async () => {
    const names = await listed({ ZALO_TOOLSETS: 'oa', ZALO_TOOLS: 'zns_send,followers_get_profile', ZALO_DENY_TOOLS: 'oa_update_menu,zns_send' });
    expect(names.sort()).toEqual(['followers_get_profile', 'oa_get_profile', 'oa_get_quota']);
  });

  it('a denied tool cannot be called', async () => {
    await listed({ ZALO_DENY_TOOLS: 'oa_get_profile' });
    expect((await t!.call('oa_get_profile')).isError).toBe(true);
    expect(t!.sim.requests).toHaveLength(0);
  });

  it('stops at start on an unknown toolset or tool name, naming the variable', async () => {
    const base = loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(tempDir('zalo-sel-'), 't.json') }, dotenvPath: null });
    expect(() => selectTools({ ...base, toolsets: ['oa', 'chat'] })).toThrow(ConfigError);
    expect(() => selectTools({ ...base, toolsets: ['oa', 'chat'] })).toThrow(/^ZALO_TOOLSETS has unknown toolset "chat": use all, default or oa, /);
    expect(() => selectTools({ ...base, tools: ['oa_get_everything'] })).toThrow(/^ZALO_TOOLS has unknown tool "oa_get_everything"/);
    expect(() => selectTools({ ...base, denyTools: ['nope'] })).toThrow(/^ZALO_DENY_TOOLS has unknown tool "nope"/);

    const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: base.tokenFile, ZALO_TOOLSETS: 'oa,chat' }, dotenvPath: null, log: silentLogger });
    try {
      expect(() => createServer(runtime)).toThrow(/ZALO_TOOLSETS has unknown toolset "chat"/);
    } finally {
      await runtime.close();
    }
  });
});

describe('dry run', () => {
  it('returns the exact request of a write tool and sends nothing', async () => {
    t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    const user = follower(t);
    const r = await t.call('tags_add_follower', { user_id: user.user_id, tag: 'vip' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual({
      dry_run: true,
      sent: false,
      request: { oa: 'shop', method: 'POST', url: `${t.sim.urls.openapi}/v2.0/oa/tag/tagfollower`, body: { user_id: user.user_id, tag_name: 'vip' } },
    });
    expect(JSON.parse(text(r))).toEqual(r.structuredContent); // no list of objects: the text is plain JSON
    expect(t.sim.requests).toHaveLength(0);
    expect(user.tags.has('vip')).toBe(false);
  });

  it('still answers reads, and lists write tools without an output schema', async () => {
    t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    expect((await t.ok('oa_get_profile')).oa_id).toBe(t.sim.oa().account.oaId);
    const tools = (await t.client.listTools()).tools;
    expect(tools.find((x) => x.name === 'tags_add_follower')!.outputSchema).toBeUndefined();
    expect(tools.find((x) => x.name === 'oa_get_profile')!.outputSchema).toBeDefined();
  });

  it('dry-runs on the OA named by `oa`', async () => {
    t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    const user = [...t.sim.oa('branch').followers.values()][0]!;
    const r = await t.ok('tags_add_follower', { user_id: user.user_id, tag: 'vip', oa: 'branch' });
    expect(r.request.oa).toBe('branch');
    expect(t.sim.requests).toHaveLength(0);
  });
});

describe('invalid input', () => {
  it('rejects an unknown extra argument, naming it, and sends nothing', async () => {
    t = await createTestContext();
    const r = await t.call('tags_add_follower', { user_id: follower(t).user_id, tag: 'vip', access_token: 'sneaky-token-value' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/access_token/);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('rejects an OA alias that is not configured, naming the field, and sends nothing', async () => {
    t = await createTestContext();
    const r = await t.call('oa_get_profile', { oa: 'hanoi' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/\boa\b/);
    expect(text(r)).toMatch(/shop/); // says which aliases exist
    expect(t.sim.requests).toHaveLength(0);
  });

  it('rejects a malformed field, naming it, and sends nothing', async () => {
    t = await createTestContext();
    const r = await t.call('tags_add_follower', { user_id: 'not-a-number', tag: 'vip' });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/user_id/);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('words bad arguments like every other failure, with the limit and the structured form', async () => {
    t = await createTestContext();
    const r = await t.call('messages_send_text', { user_id: follower(t).user_id, text: 'x'.repeat(2001) });
    expect(text(r)).toBe('Send text message failed: invalid input (text: must be at most 2000 characters (counted in code points after NFC normalisation)). Nothing was sent: fix these arguments and call again.');
    expect(r.structuredContent).toMatchObject({ error: true, code: null, kind: 'input' });
    expect(t.sim.requests).toHaveLength(0);
  });
});

describe('error result format', () => {
  it('is "<title> failed: <reason> (Zalo error <code>). <hint>" with the structured form', async () => {
    t = await createTestContext();
    t.sim.failNext({ path: '/v2.0/oa/tag/tagfollower', code: -213, message: 'User has not followed OA.' });
    const r = await t.call('tags_add_follower', { user_id: follower(t).user_id, tag: 'vip' });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(`Tag a follower failed: User has not followed OA (Zalo error -213). ${CODE_TABLE[-213]!.hint}`);
    expect(r.structuredContent).toEqual({
      error: true, code: -213, kind: 'recipient', retry_class: 'give_up', message: 'User has not followed OA', suggestion: CODE_TABLE[-213]!.hint,
    });
  });

  it('carries retry_after_s for a rate limit, from Retry-After when Zalo sends it', async () => {
    t = await createTestContext();
    const user = follower(t).user_id;
    t.sim.failNext({ path: '/v2.0/oa/tag/tagfollower', code: -32, retryAfterS: 30 });
    const withHeader = await t.call('tags_add_follower', { user_id: user, tag: 'vip' });
    expect(withHeader.structuredContent).toMatchObject({ error: true, code: -32, kind: 'rate_limit', retry_after_s: 30 });
    t.sim.failNext({ path: '/v2.0/oa/tag/tagfollower', code: -32 });
    const without = await t.call('tags_add_follower', { user_id: user, tag: 'vip' });
    expect(without.structuredContent).toMatchObject({ code: -32, retry_after_s: 60 });
    expect(text(without)).toMatch(/^Tag a follower failed: .* \(Zalo error -32\)\. Zalo rate limit/);
    expect(t.sim.calls('/tagfollower')).toHaveLength(2); // a write is never retried
  });

  it('hands a long Retry-After on a read back to the model instead of sleeping through it', async () => {
    t = await createTestContext();
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -32, retryAfterS: 45 });
    const r = await t.call('oa_get_profile');
    expect(r.structuredContent).toMatchObject({ error: true, code: -32, kind: 'rate_limit', retry_after_s: 45 });
    expect(t.sim.calls('/v2.0/oa/getoa')).toHaveLength(1);
  });

  it('has no retry_after_s for other errors, and no code part when Zalo gave none', async () => {
    t = await createTestContext();
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: 502, httpStatus: 502, times: 3 });
    const r = await t.call('oa_get_profile');
    expect(text(r)).toMatch(/^Get OA profile failed: Zalo answered HTTP 502 without JSON\. Zalo is busy/);
    expect(r.structuredContent).toEqual({ error: true, code: null, kind: 'unavailable', message: 'Zalo answered HTTP 502 without JSON', suggestion: expect.any(String) });
  });

  it('turns an unexpected failure into an internal error without a stack or a path', async () => {
    const dir = tempDir('zalo-wrap-');
    const tokenFile = join(dir, 'tokens.json');
    mkdirSync(tokenFile); // reading the "token file" fails with EISDIR: not a ZaloError
    t = await createTestContext({ env: { ZALO_TOKEN_FILE: tokenFile } });
    const r = await t.call('oa_get_profile');
    expect(r.isError).toBe(true);
    expect(text(r)).toBe('Get OA profile failed: internal error in oa_get_profile; see the server log.');
    expect(r.structuredContent).toMatchObject({ error: true, code: null, kind: 'internal' });
    expect(JSON.stringify(r)).not.toMatch(/EISDIR|at .*\.ts:\d+|tokens\.json/);
  });
});
