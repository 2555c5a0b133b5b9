import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reactions } from '../../../src/sandbox/routes/message-v2.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from './helpers.js';

describe('messages_send_sticker', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends a media element of media_type sticker on the consultation API', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.ok('messages_send_sticker', { user_id: f.user_id, sticker_id: 'bfe0f7a0d1e53bbb62f4' });
    expect(r).toMatchObject({ user_id: f.user_id });
    expect(r.quota).toBeUndefined(); // free inside 48 h: unlimited since 2026
    expect((t.sim.calls('/v3.0/oa/message/cs')[0]!.body as any).message).toEqual({
      attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'sticker', attachment_id: 'bfe0f7a0d1e53bbb62f4' }] } },
    });
    expect(t.sim.oa().messages[0]).toMatchObject({ message_id: r.message_id, type: 'sticker' });
  });

  it('keeps the consultation window (-230 after 7 days, template by user_id named)', async () => {
    const f = followerIn(t.sim, 'expired');
    const text = await t.fail('messages_send_sticker', { user_id: f.user_id, sticker_id: 'abc123' });
    expect(text).toContain('(Zalo error -230)');
    expect(text).toContain(`zns_send with user_id ${f.user_id}`);
  });
});

describe('messages_react', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const userMessage = (userId: string) => t.sim.oa().messages.find((m) => m.user_id === userId && m.src === 1)!;

  it('reacts on POST /v2.0/oa/message with sender_action (the Java SDK form), using no quota', async () => {
    const f = followerIn(t.sim, 'within_7d');
    const m = userMessage(f.user_id);
    const paid = t.sim.oa().paid_cs_remaining;
    const used = f.cs_used_in_window;
    const r = await t.ok('messages_react', { user_id: f.user_id, message_id: m.message_id, icon: '/-heart' });
    expect(r).toEqual({ message_id: m.message_id, user_id: f.user_id, icon: '/-heart', removed: false });
    const [call] = t.sim.calls('/v2.0/oa/message');
    expect(call!.body).toEqual({ recipient: { user_id: f.user_id }, sender_action: { react_icon: '/-heart', react_message_id: m.message_id } });
    expect(reactions(t.sim.oa()).get(m.message_id)).toEqual({ icon: '/-heart', count: 1 });
    expect(t.sim.oa().paid_cs_remaining).toBe(paid);
    expect(f.cs_used_in_window).toBe(used);
    expect(t.sim.calls('/v3.0/oa/message/cs')).toHaveLength(0);
  });

  it('/-remove takes the reaction back', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const m = userMessage(f.user_id);
    await t.ok('messages_react', { user_id: f.user_id, message_id: m.message_id, icon: '/-strong' });
    expect(await t.ok('messages_react', { user_id: f.user_id, message_id: m.message_id, icon: '/-remove' })).toMatchObject({ removed: true });
    expect(reactions(t.sim.oa()).get(m.message_id)!.icon).toBeNull();
  });

  it('refuses an icon Zalo does not have before sending; Zalo refuses an unknown message', async () => {
    const f = followerIn(t.sim, 'within_48h');
    expect((await t.call('messages_react', { user_id: f.user_id, message_id: userMessage(f.user_id).message_id, icon: ':)' })).isError).toBe(true);
    expect(t.sim.calls('/v2.0/oa/message')).toHaveLength(0);
    expect(await t.fail('messages_react', { user_id: f.user_id, message_id: '123456789', icon: ':>' })).toContain('react_message_id is invalid! (Zalo error -201)');
  });

  it('the simulator accepts the .NET placement (keys under message) too, since the sheet marks it [X]', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const m = userMessage(f.user_id);
    const body = { recipient: { user_id: f.user_id }, message: { react_icon: ':o', react_message_id: m.message_id } };
    await t.runtime.client.request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/message', body });
    expect(reactions(t.sim.oa()).get(m.message_id)).toEqual({ icon: ':o', count: 1 });
  });

  it('Zalo allows at most 50 reactions on one message (-210)', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const m = userMessage(f.user_id);
    reactions(t.sim.oa()).set(m.message_id, { icon: ':>', count: 50 });
    expect(await t.fail('messages_react', { user_id: f.user_id, message_id: m.message_id, icon: '/-heart' })).toContain('(Zalo error -210)');
  });
});
