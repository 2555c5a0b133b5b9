/**
 * Error hints through the MCP client against the simulator: they name only tools this server
 * exposes (else what enables them), carry the code's class, follow the family's meaning of a
 * code, and auth failures that a new login cannot fix say what to check instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { followerIn } from './messages/helpers.js';
import { createTestContext, type TestContext } from '../harness.js';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('error hints', () => {
  it('a closed window points to a template by user_id, and says zns_send is not enabled when it is not', async () => {
    t = await createTestContext({ env: { ZALO_TOOLSETS: 'messages,followers' } });
    const f = followerIn(t.sim, 'expired');
    const r = await t.call('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(r.isError).toBe(true);
    const s = r.structuredContent as Record<string, string>;
    expect(s.retry_class).toBe('give_up');
    expect(s.suggestion).toContain('zns_send with user_id');
    expect(s.suggestion).toMatch(/\(zns_send(, [a-z_]+)* (is|are) not enabled in this server: add the zns toolset to ZALO_TOOLSETS\.\)$/);
    expect(s.suggestion).not.toContain('messages_send_transaction');
    expect(s.suggestion).not.toMatch(/followers_check_status is not enabled/);
  });

  it('followers_check_status says when the cheapest way is a tool this server does not expose', async () => {
    t = await createTestContext({ env: { ZALO_TOOLSETS: 'messages,followers' } });
    const s = await t.ok('followers_check_status', { user_id: followerIn(t.sim, 'expired').user_id });
    expect(s.cheapest_way).toMatchObject({ way: 'template_by_user_id', tool: 'zns_send' });
    expect(s.cheapest_way.reason).toMatch(/ \(zns_send is not enabled in this server: add the zns toolset to ZALO_TOOLSETS\.\)$/);
    expect(s.can_send_template_by_user_id.reason).toContain('zns_send is not enabled');
    expect(s.can_send_template_by_phone.reason).not.toContain('messages_send_request_info is not enabled');
  });

  it('with every toolset on, the same hint names zns_send plainly', async () => {
    t = await createTestContext();
    const f = followerIn(t.sim, 'expired');
    const text = await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(text).toContain('zns_send with user_id');
    expect(text).not.toContain('not enabled');
  });

  it('read-only mode: a write tool in a hint is named as unavailable for that reason', async () => {
    t = await createTestContext({ env: { ZALO_READ_ONLY: '1' } });
    t.sim.failNext({ path: '/v3.0/oa/user/detail', code: -213, message: 'User has not followed OA', times: 3 });
    const s = (await t.call('followers_get_profile', { user_id: followerIn(t.sim, 'within_48h').user_id })).structuredContent as Record<string, string>;
    expect(s.suggestion).toContain('zns_send is not enabled in this server: this server runs read-only (ZALO_READ_ONLY).');
  });

  it('ZBS -100 is an unknown error that a read retries; OA -100 is an expired attachment', async () => {
    t = await createTestContext();
    t.sim.failNext({ path: '/message/quota', code: -100, message: 'Unknown error' });
    expect((await t.ok('zns_get_quota')).daily_quota).toBe(500);
    expect(t.sim.calls('/message/quota')).toHaveLength(2);
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -100, message: 'attachment expired', times: 3 });
    const s = (await t.call('oa_get_profile')).structuredContent as Record<string, string>;
    expect(s).toMatchObject({ code: -100, retry_class: 'fix_input' });
    expect(s.suggestion).toContain('upload it again');
    expect(t.sim.calls('/v2.0/oa/getoa')).toHaveLength(1);
  });

  it('a wrong app id (-14002) says to check ZALO_APP_ID, not to log in again', async () => {
    t = await createTestContext({ override: (c) => ({ ...c, accounts: c.accounts.map((a) => ({ ...a, appId: '1111111111111111111' })) }) });
    const text = await t.fail('oa_get_profile');
    expect(text).toContain('(Zalo error -14002)');
    expect(text).toContain('check ZALO_APP_ID');
    expect(text).not.toContain('zalo-oa-mcp login');
  });

  it('a wrong app secret says to check ZALO_APP_SECRET', async () => {
    t = await createTestContext({ override: (c) => ({ ...c, accounts: c.accounts.map((a) => ({ ...a, appSecret: 'not-the-secret' })) }) });
    const text = await t.fail('oa_get_profile');
    expect(text).toContain('check ZALO_APP_SECRET');
    expect(text).not.toContain('not-the-secret');
  });
});
