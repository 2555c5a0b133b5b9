import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptsCalls } from '../../../src/sandbox/routes/calls.js';
import type { Follower } from '../../../src/sandbox/state.js';
import { CALL_CONSENT_VALID_MS } from '../../../src/zalo/rules.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('calls_request_permission / calls_check_permission', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const followers = () => [...t.sim.oa().followers.values()];
  const pick = (pred: (f: Follower) => boolean) => followers().find(pred)!;

  it('a user who accepts: request sent, then permission granted for 30 days', async () => {
    const f = pick((x) => x.is_follower && acceptsCalls(x.user_id) && !!x.shared_info?.phone);
    const before = await t.ok('calls_check_permission', { user_id: f.user_id });
    expect(before).toMatchObject({ state: 'not_requested', granted: false });
    expect(before.can_call_by_phone.reason).toContain('calls_request_permission');

    const r = await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'order_appointment_confirmation' });
    expect(r).toMatchObject({ state: 'pending', granted: false });
    expect(t.sim.calls('/call/requestconsent')[0]!.body).toEqual({ user_id: f.user_id, call_type: 'audio', reason_code: 103 });

    const after = await t.ok('calls_check_permission', { user_id: f.user_id });
    const requestedAt = (t.sim.oa().slices.get('calls') as Map<string, { granted_at: number }>).get(f.user_id)!.granted_at;
    expect(after).toMatchObject({ user_id: f.user_id, state: 'granted', granted: true, expires_at: new Date(requestedAt + CALL_CONSENT_VALID_MS).toISOString() });
    expect(after.can_call_by_phone).toEqual({ value: true, reason: `the user granted call permission until ${after.expires_at}` });
    // With a shared phone, the check goes by phone (the documented form).
    expect(JSON.parse(t.sim.calls('/call/checkconsent').at(-1)!.query.data!)).toEqual({ phone: f.shared_info!.phone });

    const again = await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'delivery_notification', call_type: 'video' });
    expect(again).toMatchObject({ state: 'granted', granted: true });
  });

  it('a user who has not answered yet stays pending', async () => {
    const f = pick((x) => x.is_follower && !acceptsCalls(x.user_id));
    await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'product_service_consulting', call_type: 'audio_and_video' });
    const c = await t.ok('calls_check_permission', { user_id: f.user_id });
    expect(c).toMatchObject({ state: 'pending', granted: false, expires_at: null });
    expect(c.can_call_by_phone.reason).toContain('waiting for the user');
    t.sim.advance(25 * 3_600_000);
    expect((await t.ok('calls_check_permission', { user_id: f.user_id })).state).toBe('expired');
  });

  it('asks by phone, normalised, when given a phone', async () => {
    const f = pick((x) => x.is_follower && !!x.shared_info?.phone);
    const local = `0${f.shared_info!.phone!.slice(2)}`;
    await t.ok('calls_request_permission', { phone: local, reason: 'update_order' });
    expect(t.sim.calls('/call/requestconsent')[0]!.body).toMatchObject({ phone: f.shared_info!.phone, reason_code: 107 });
  });

  it('passes on Zalo\'s refusal for a user who unfollowed', async () => {
    const f = pick((x) => !x.is_follower);
    const text = await t.fail('calls_request_permission', { user_id: f.user_id, reason: 'update_order' });
    expect(text).toContain('User has not followed the OA (Zalo error -213)');
  });

  it('a phone no follower has: Zalo sends no request, and the tool says so', async () => {
    const taken = new Set(followers().map((f) => f.shared_info?.phone));
    let p = 84_912_000_001;
    while (taken.has(String(p))) p++;
    const r = await t.ok('calls_request_permission', { phone: String(p), reason: 'update_order' });
    expect(r).toEqual({ state: 'no_interaction', granted: false, expires_at: null, message: 'No request sent: User has not interacted with this OA (Zalo code 9). See calls_check_permission.' });
  });

  it('asking again while the user has not answered: still pending, nothing new stored', async () => {
    const f = pick((x) => x.is_follower && !acceptsCalls(x.user_id));
    await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'update_order' });
    const stored = (t.sim.oa().slices.get('calls') as Map<string, { requested_at: number }>).get(f.user_id)!.requested_at;
    t.sim.advance(3_600_000);
    expect(await t.ok('calls_request_permission', { user_id: f.user_id, reason: 'update_order' })).toMatchObject({ state: 'pending', granted: false });
    expect((t.sim.oa().slices.get('calls') as Map<string, { requested_at: number }>).get(f.user_id)!.requested_at).toBe(stored);
  });

  it('a positive failure code (no call permission for the app) is an error with what to do', async () => {
    const f = pick((x) => x.is_follower);
    t.sim.failNext({ path: '/call/requestconsent', code: 6, message: 'OA has no permission to call' });
    const text = await t.fail('calls_request_permission', { user_id: f.user_id, reason: 'update_order' });
    expect(text).toContain('OA has no permission to call');
    expect(text).toContain('enable "Gọi thoại" for the app');
  });

  it('a call-permission check error from Zalo fails the check', async () => {
    const f = pick((x) => x.is_follower);
    t.sim.failNext({ path: '/call/checkconsent', code: -212, message: 'App has not registed this api' });
    expect(await t.fail('calls_check_permission', { user_id: f.user_id })).toContain('Check call permission failed: App has not registed this api (Zalo error -212)');
  });

  it('calling by user_id needs an interaction within 30 days', async () => {
    const recent = pick((x) => x.is_follower && Date.now() - x.last_interaction_ms < 10 * 86_400_000);
    const old = pick((x) => x.is_follower && Date.now() - x.last_interaction_ms > 40 * 86_400_000);
    expect((await t.ok('calls_check_permission', { user_id: recent.user_id })).can_call_by_zalo_id.value).toBe(true);
    const o = await t.ok('calls_check_permission', { user_id: old.user_id });
    expect(o.can_call_by_zalo_id).toEqual({ value: false, reason: expect.stringContaining('older than 30 days') });
  });

  it('needs exactly one of user_id or phone, and sends nothing otherwise', async () => {
    expect(await t.fail('calls_request_permission', { reason: 'update_order' })).toContain('give exactly one of user_id or phone');
    expect(await t.fail('calls_check_permission', { user_id: '123', phone: '0912345678' })).toContain('give exactly one of user_id or phone');
    expect((await t.call('calls_request_permission', { user_id: '1', reason: 'because' })).isError).toBe(true);
    expect(t.sim.requests.filter((r) => r.path.includes('/call/'))).toHaveLength(0);
  });
});
