import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn, localPhone } from './helpers.js';

describe('messages_send_text', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends free inside the 48 h window and the text shows in the history', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const paidBefore = t.sim.oa().paid_cs_remaining;
    const r = await t.ok('messages_send_text', { user_id: f.user_id, text: 'Dạ shop còn size M ạ.' });
    expect(r.user_id).toBe(f.user_id);
    // Free replies inside 48 h are unlimited since 2026-01-01: Zalo reports no remain/total.
    expect(r.quota).toBeUndefined();
    expect(Date.parse(r.sent_at)).not.toBeNaN();
    expect(f.cs_used_in_window).toBe(1);
    expect(t.sim.oa().paid_cs_remaining).toBe(paidBefore);
    expect(t.sim.calls('/message/cs')[0]!.body).toEqual({ recipient: { user_id: f.user_id }, message: { text: 'Dạ shop còn size M ạ.' } });

    const h = await t.ok('conversations_get_history', { user_id: f.user_id });
    expect(h.items[0]).toMatchObject({ message_id: r.message_id, from: 'oa', type: 'text', text: 'Dạ shop còn size M ạ.' });
  });

  it('uses the paid quota between 48 h and 7 days', async () => {
    const f = followerIn(t.sim, 'within_7d');
    const paidBefore = t.sim.oa().paid_cs_remaining;
    const r = await t.ok('messages_send_text', { user_id: f.user_id, text: 'Đơn của chị đã giao ạ.' });
    expect(t.sim.oa().paid_cs_remaining).toBe(paidBefore - 1);
    expect(r.quota).toMatchObject({ type: 'sub_quota', remain: paidBefore - 1 });
  });

  it('stays free inside 48 h however many replies were sent (no 8-reply cap since 2026)', async () => {
    const f = followerIn(t.sim, 'within_48h');
    f.cs_used_in_window = 30;
    const paidBefore = t.sim.oa().paid_cs_remaining;
    const r = await t.ok('messages_send_text', { user_id: f.user_id, text: 'Thêm một tin nữa ạ.' });
    expect(r.quota).toBeUndefined();
    expect(t.sim.oa().paid_cs_remaining).toBe(paidBefore);
  });

  it('reports an empty paid quota (-211)', async () => {
    const f = followerIn(t.sim, 'within_7d');
    t.sim.oa().paid_cs_remaining = 0;
    const text = await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(text).toContain('(Zalo error -211)');
    expect(text).toContain('oa_get_quota');
  });

  it('explains an expired window (-230) with what to do instead', async () => {
    const f = followerIn(t.sim, 'expired');
    const text = await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(text).toContain('Send text message failed: User has not interacted with the OA in the past 7 days (Zalo error -230). ');
    expect(text).toContain(`send an approved template (zns_send with user_id ${f.user_id})`);
    expect(text).not.toContain('messages_send_transaction');
    expect(t.sim.oa().messages.filter((m) => m.user_id === f.user_id && m.src === 0 && m.message === 'Xin chào')).toHaveLength(0);
  });

  it('refuses a user who unfollowed (-213)', async () => {
    const f = followerIn(t.sim, 'unfollowed');
    const text = await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(text).toContain('(Zalo error -213)');
    expect(text).toContain('zns_send');
  });

  it('replies to a user message via recipient {message_id}', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const userMsg = t.sim.oa().messages.find((m) => m.user_id === f.user_id && m.src === 1)!;
    const r = await t.ok('messages_send_text', { reply_to_message_id: userMsg.message_id, text: 'Dạ vâng ạ', quote_message_id: userMsg.message_id });
    expect(r.user_id).toBe(f.user_id);
    expect(t.sim.calls('/message/cs')[0]!.body).toEqual({
      recipient: { message_id: userMsg.message_id },
      message: { text: 'Dạ vâng ạ', quote_message_id: userMsg.message_id },
    });
  });

  it('fails like Zalo for an unknown reply target (-201)', async () => {
    const text = await t.fail('messages_send_text', { reply_to_message_id: '999000111', text: 'Dạ' });
    expect(text).toContain('message_id is invalid! (Zalo error -201)');
  });

  it('resolves a phone in 0xxxxxxxxx form to the follower', async () => {
    const f = followerIn(t.sim, 'within_48h', { withPhone: true });
    const r = await t.ok('messages_send_text', { phone: localPhone(f.shared_info!.phone!), text: 'Chào anh/chị' });
    expect(r.user_id).toBe(f.user_id);
    expect(t.sim.calls('/message/cs')[0]!.body).toMatchObject({ recipient: { user_id: f.user_id } });
  });

  it('suggests a template by phone when no follower has the phone, and sends nothing', async () => {
    const taken = new Set([...t.sim.oa().followers.values()].map((f) => f.shared_info?.phone));
    let phone = 84_912_000_001;
    while (taken.has(String(phone))) phone++;
    const text = await t.fail('messages_send_text', { phone: localPhone(String(phone)), text: 'Xin chào' });
    expect(text).toContain('no follower of this OA has that phone');
    expect(text).toContain('zns_send (phone)');
    expect(text).toContain('zns_get_template');
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });

  it('adds the template hint when a phone recipient is outside the window', async () => {
    const f = followerIn(t.sim, 'expired', { withPhone: true });
    const text = await t.fail('messages_send_text', { phone: f.shared_info!.phone!, text: 'Xin chào' });
    expect(text).toContain('(Zalo error -230)');
    expect(text).toContain(`(zns_send with user_id ${f.user_id})`);
    expect(t.sim.calls('/message/cs')).toHaveLength(1);
  });

  it.each([
    [{}, 'recipient missing'],
    [{ user_id: '1400000000000000001', phone: '0912345678' }, 'user_id and phone given together'],
  ])('requires exactly one recipient field (%j)', async (recipient, message) => {
    const text = await t.fail('messages_send_text', { ...recipient, text: 'Xin chào' });
    expect(text).toContain(message);
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
    expect(t.sim.calls('/user/getlist')).toHaveLength(0);
  });

  it('refuses text over 2000 characters before sending', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.call('messages_send_text', { user_id: f.user_id, text: 'a'.repeat(2001) });
    expect(r.isError).toBe(true);
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });

  it('never repeats a send, even on a rate-limit answer (-32)', async () => {
    const f = followerIn(t.sim, 'within_48h');
    t.sim.failNext({ path: '/message/cs', code: -32, message: 'Your application reached limit call api' });
    const text = await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' });
    expect(text).toContain('(Zalo error -32)');
    expect(t.sim.calls('/message/cs')).toHaveLength(1);
    expect(f.cs_used_in_window).toBe(0);
  });
});

describe('messages_send_text in dry-run mode', () => {
  it('returns the exact request, resolved from the phone, without sending it', async () => {
    const t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    try {
      const f = followerIn(t.sim, 'within_48h', { withPhone: true });
      const r = await t.ok('messages_send_text', { phone: localPhone(f.shared_info!.phone!), text: 'Thử' });
      expect(r).toMatchObject({ dry_run: true, sent: false, request: { method: 'POST', body: { recipient: { user_id: f.user_id }, message: { text: 'Thử' } } } });
      expect(r.request.url).toMatch(/\/v3\.0\/oa\/message\/cs$/);
      expect(t.sim.calls('/message/cs')).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
