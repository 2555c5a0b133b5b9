import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/sandbox/state.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from '../messages/helpers.js';

/** The simulator's latest message per user, newest first: what listrecentchat must reflect. */
function latestPerUser(messages: ChatMessage[]): ChatMessage[] {
  const seen = new Set<string>();
  return [...messages].sort((a, b) => b.time - a.time).filter((m) => !seen.has(m.user_id) && seen.add(m.user_id));
}

describe('conversations_list_recent', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('lists one item per user, newest first, with who awaits a reply', async () => {
    const expected = latestPerUser(t.sim.oa().messages).slice(0, 10);
    const r = await t.ok('conversations_list_recent');
    expect(r).toMatchObject({ offset: 0, count: 10, next_offset: 10 });
    expect(r.items).toHaveLength(10);
    r.items.forEach((item: any, i: number) => {
      const m = expected[i]!;
      expect(item).toEqual({
        user_id: m.user_id,
        display_name: t.sim.oa().followers.get(m.user_id)!.display_name,
        last_message: { message_id: m.message_id, from: m.src === 1 ? 'user' : 'oa', time: new Date(m.time).toISOString(), type: m.type, text: m.message },
        awaiting_reply: m.src === 1,
      });
    });
    expect(r.items.some((i: any) => i.awaiting_reply)).toBe(true);
    expect(t.sim.calls('/listrecentchat')[0]!.data).toEqual({ offset: 0, count: 10 });
  });

  it('pages with next_offset and moves a replied conversation to the top', async () => {
    const second = await t.ok('conversations_list_recent', { offset: 10, count: 5 });
    expect(second.items.map((i: any) => i.user_id)).toEqual(latestPerUser(t.sim.oa().messages).slice(10, 15).map((m) => m.user_id));
    const f = followerIn(t.sim, 'within_48h', { skip: 5 });
    await t.ok('messages_send_text', { user_id: f.user_id, text: 'Dạ shop trả lời ạ' });
    const first = await t.ok('conversations_list_recent', { count: 1 });
    expect(first.items[0]).toMatchObject({ user_id: f.user_id, awaiting_reply: false, last_message: { from: 'oa', text: 'Dạ shop trả lời ạ' } });
  });

  it('refuses count over Zalo\'s cap of 10 before calling', async () => {
    expect((await t.call('conversations_list_recent', { count: 11 })).isError).toBe(true);
    expect(t.sim.calls('/listrecentchat')).toHaveLength(0);
  });

  it('turns a Zalo error into an actionable message', async () => {
    t.sim.failNext({ path: '/listrecentchat', code: -223, message: 'OA has not authorized this API' });
    const text = await t.fail('conversations_list_recent');
    expect(text).toContain('(Zalo error -223)');
    expect(text).toContain('zalo-oa-mcp login');
  });
});

describe('conversations_get_history', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('returns the user\'s messages newest first', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const expected = t.sim.oa().messages.filter((m) => m.user_id === f.user_id).sort((a, b) => b.time - a.time);
    const r = await t.ok('conversations_get_history', { user_id: f.user_id });
    expect(r.items.map((i: any) => [i.message_id, i.from, i.text])).toEqual(expected.map((m) => [m.message_id, m.src === 1 ? 'user' : 'oa', m.message]));
    expect(r.next_offset).toBeNull();
    expect(t.sim.calls('/v2.0/oa/conversation')[0]!.data).toEqual({ user_id: f.user_id, offset: 0, count: 10 });
  });

  it('fails like Zalo for an unknown user (-201)', async () => {
    const text = await t.fail('conversations_get_history', { user_id: '1234567' });
    expect(text).toBe('Get conversation history failed: user_id is invalid! (Zalo error -201). Fix the parameter Zalo names in the message and call again.');
  });

  it('refuses a non-numeric user_id and count over 10 before calling', async () => {
    expect((await t.call('conversations_get_history', { user_id: 'abc' })).isError).toBe(true);
    expect((await t.call('conversations_get_history', { user_id: '1234567', count: 11 })).isError).toBe(true);
    expect(t.sim.calls('/v2.0/oa/conversation')).toHaveLength(0);
  });
});

describe('simulator: conversation reads follow Zalo\'s cap', () => {
  it('answers -210 for count over 10 on both endpoints', async () => {
    const t = await createTestContext();
    try {
      const f = followerIn(t.sim, 'within_48h');
      for (const [path, data] of [['/v2.0/oa/listrecentchat', { offset: 0, count: 11 }], ['/v2.0/oa/conversation', { user_id: f.user_id, offset: 0, count: 11 }]] as const) {
        await expect(t.runtime.client.request({ api: 'openapi', method: 'GET', path, data })).rejects.toMatchObject({ code: -210 });
      }
    } finally {
      await t.close();
    }
  });
});
