import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptsCalls } from '../../../src/sandbox/routes/calls.js';
import type { Follower } from '../../../src/sandbox/state.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('calls_create_link', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const pick = (pred: (f: Follower) => boolean) => [...t.sim.oa().followers.values()].find(pred)!;

  it('a user who granted permission: POST /v3.0/oa/call/outbound returns the link, QR code and a 48 h lifetime', async () => {
    const f = pick((x) => x.is_follower && acceptsCalls(x.user_id));
    await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'delivery_notification' });
    const r = await t.ok('calls_create_link', { user_id: f.user_id, call_type: 'video', agent_id: 'agent.lan' });
    expect(r.call_link).toMatch(/^https:\/\//);
    expect(r.qr_code).toMatch(/^https:\/\//);
    expect(r.ttl_s).toBe(172_800);
    expect(Date.parse(r.expires_at) - Date.now()).toBeGreaterThan(172_700_000);
    expect(t.sim.calls('/v3.0/oa/call/outbound')[0]!.body).toEqual({ user_id: f.user_id, call_type: 'video', agent_id: 'agent.lan' });
  });

  it('without permission: Zalo\'s state becomes an error that says to ask first', async () => {
    const f = pick((x) => x.is_follower && !acceptsCalls(x.user_id));
    const text = await t.fail('calls_create_link', { user_id: f.user_id });
    expect(text).toContain('(Zalo error 20)');
    expect(text).toContain('calls_request_permission');
    await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'update_order' });
    expect(await t.fail('calls_create_link', { user_id: f.user_id })).toMatch(/Waiting for user approval \(Zalo error 8\)\. Call permission is pending/);
  });

  it('is listed beside the two call tools', async () => {
    const names = (await t.client.listTools()).tools.map((x) => x.name).filter((n) => n.startsWith('calls_'));
    expect(names).toEqual(['calls_request_permission', 'calls_check_permission', 'calls_create_link']);
  });
});
