import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from './helpers.js';

describe('messages_send_group_text', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('posts the text in the group', async () => {
    const group = [...t.sim.oa().groups.values()][0]!;
    const r = await t.ok('messages_send_group_text', { group_id: group.group_id, text: 'Chào cả nhà, hàng mới về!' });
    expect(r.group_id).toBe(group.group_id);
    expect(group.messages[0]).toMatchObject({ message_id: r.message_id, text: 'Chào cả nhà, hàng mới về!' });
    expect(t.sim.calls('/group/message')[0]!.body).toEqual({ recipient: { group_id: group.group_id }, message: { text: 'Chào cả nhà, hàng mới về!' } });
  });

  it('fails like Zalo for an unknown group (-201)', async () => {
    const text = await t.fail('messages_send_group_text', { group_id: '999', text: 'Xin chào' });
    expect(text).toContain('group_id is invalid! (Zalo error -201)');
  });

  it('refuses text over 2000 characters before sending', async () => {
    const group = [...t.sim.oa().groups.values()][0]!;
    expect((await t.call('messages_send_group_text', { group_id: group.group_id, text: 'x'.repeat(2001) })).isError).toBe(true);
    expect(t.sim.calls('/group/message')).toHaveLength(0);
  });
});

describe('messages_get_status', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('finds a sent message in the conversation and says where delivery status comes from', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const sent = await t.ok('messages_send_text', { user_id: f.user_id, text: 'Đơn đã được xác nhận.' });
    const s = await t.ok('messages_get_status', { user_id: f.user_id, message_id: sent.message_id });
    expect(s).toMatchObject({ found: true, message_id: sent.message_id, from: 'oa', type: 'text', text: 'Đơn đã được xác nhận.' });
    expect(s.note).toContain('webhook');
    expect(t.sim.calls('/v2.0/oa/conversation')).toHaveLength(1);
  });

  it('finds an older user message on a later page', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const firstUserMsg = t.sim.oa().messages.filter((m) => m.user_id === f.user_id).at(-1)!;
    for (let i = 0; i < 12; i++) await t.ok('messages_send_text', { user_id: f.user_id, text: `Tin ${i}` });
    const s = await t.ok('messages_get_status', { user_id: f.user_id, message_id: firstUserMsg.message_id });
    expect(s).toMatchObject({ found: true, text: firstUserMsg.message, from: firstUserMsg.src === 1 ? 'user' : 'oa' });
    expect(t.sim.calls('/v2.0/oa/conversation').length).toBeGreaterThan(1);
  });

  it('says found: false for a message that is not in the conversation', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const s = await t.ok('messages_get_status', { user_id: f.user_id, message_id: '123456' });
    expect(s.found).toBe(false);
    expect(s.note).toContain('webhook');
  });

  it('fails like Zalo for an unknown user (-201)', async () => {
    const text = await t.fail('messages_get_status', { user_id: '1999', message_id: '123456' });
    expect(text).toContain('user_id is invalid! (Zalo error -201)');
  });
});
