/** Prompts: listed with their arguments, rendered with the values given, user_id completion from Zalo. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { completeUserId } from '../../src/prompts/complete.js';
import { ALL_TOOLS, TOOLSETS } from '../../src/tools/registry.js';
import { createTestContext, type TestContext } from '../harness.js';

describe('prompts', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists support_reply and enrich_follower with their arguments', async () => {
    const { prompts } = await t.client.listPrompts();
    const byName = Object.fromEntries(prompts.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['enrich_follower', 'support_reply']);
    expect(byName.support_reply!.arguments).toEqual([
      expect.objectContaining({ name: 'user_id', required: true }),
      expect.objectContaining({ name: 'oa', required: false }),
      expect.objectContaining({ name: 'language', required: false }),
    ]);
    expect(byName.enrich_follower!.arguments!.map((a) => a.name)).toEqual(['user_id', 'oa']);
    for (const p of prompts) expect(p.description!.length).toBeGreaterThan(20);
  });

  it('renders support_reply with the user, the language, the window rule and the confirm-before-send step', async () => {
    const r = await t.client.getPrompt({ name: 'support_reply', arguments: { user_id: '1234567890', language: 'English', oa: 'branch' } });
    const text = (r.messages[0]!.content as { text: string }).text;
    expect(r.messages[0]!.role).toBe('user');
    expect(text).toContain('conversations_get_history with user_id 1234567890');
    expect(text).toContain('followers_check_status');
    expect(text).toContain('48 hours');
    expect(text).toContain('Write the reply in English.');
    expect(text).toMatch(/wait for my explicit confirmation\. Only then send it with messages_send_text/);
    expect(text).toContain('oa="branch"');
  });

  it('renders enrich_follower with the read, propose, confirm, apply steps', async () => {
    const r = await t.client.getPrompt({ name: 'enrich_follower', arguments: { user_id: '42' } });
    const text = (r.messages[0]!.content as { text: string }).text;
    for (const s of ['followers_get_profile', 'conversations_get_history (user_id 42)', 'name, phone', 'city', 'tags', 'followers_update_info', 'tags_add_follower', 'confirm']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('oa=');
  });

  it('names only tools that exist, in the default selection, and the real text limit of messages_send_text', async () => {
    const defaults = new Set(TOOLSETS.filter((s) => s.default).flatMap((s) => s.tools.map((x) => x.name)));
    const known = new Set(ALL_TOOLS.map((x) => x.name));
    const toolLike = new RegExp(`\\b(?:${TOOLSETS.map((s) => s.name).join('|')})_[a-z_]+\\b`, 'g');
    const texts = await Promise.all(
      ['support_reply', 'enrich_follower'].map(async (name) => {
        const r = await t.client.getPrompt({ name, arguments: { user_id: '42' } });
        return (r.messages[0]!.content as { text: string }).text;
      }),
    );
    const named = texts.flatMap((text) => text.match(toolLike) ?? []);
    expect(new Set(named)).toEqual(
      new Set(['conversations_get_history', 'followers_check_status', 'messages_send_text', 'zns_send', 'zns_list_templates', 'zns_get_template', 'followers_get_profile', 'followers_update_info', 'tags_add_follower']),
    );
    for (const n of named) {
      expect(known.has(n), n).toBe(true);
      expect(defaults.has(n), n).toBe(true);
    }
    const max = (z.toJSONSchema(ALL_TOOLS.find((x) => x.name === 'messages_send_text')!.input.text!, { io: 'input' }) as { maxLength?: number }).maxLength;
    expect(max).toBe(2000);
    expect(texts[0]).toContain(`text ≤ ${max} characters`);
  });

  it('rejects a non-numeric user_id', async () => {
    await expect(t.client.getPrompt({ name: 'enrich_follower', arguments: { user_id: 'abc; drop' } })).rejects.toThrow(/user_id/);
  });

  it('completes user_id from recent chats first, then followers, filtered by prefix', async () => {
    const recent = await t.ok<{ items: Array<{ user_id: string }> }>('conversations_list_recent', {});
    const first = recent.items[0]!.user_id;
    const all = await t.client.complete({ ref: { type: 'ref/prompt', name: 'support_reply' }, argument: { name: 'user_id', value: '' } });
    expect(all.completion.values[0]).toBe(first);
    expect(all.completion.values.length).toBeGreaterThan(recent.items.length - 1);
    expect(all.completion.values.length).toBeLessThanOrEqual(20);

    const prefix = first.slice(0, first.length - 1);
    const some = await t.client.complete({ ref: { type: 'ref/prompt', name: 'enrich_follower' }, argument: { name: 'user_id', value: prefix } });
    expect(some.completion.values).toContain(first);
    for (const v of some.completion.values) expect(v.startsWith(prefix)).toBe(true);
  });

  it('completes user_id for the OA named in the context, and oa from the configured aliases', async () => {
    const branchIds = new Set(t.sim.oa('branch').followers.keys());
    const r = await t.client.complete({ ref: { type: 'ref/prompt', name: 'support_reply' }, argument: { name: 'user_id', value: '' }, context: { arguments: { oa: 'branch' } } });
    expect(r.completion.values.length).toBeGreaterThan(0);
    for (const v of r.completion.values) expect(branchIds.has(v)).toBe(true);
    const oa = await t.client.complete({ ref: { type: 'ref/prompt', name: 'support_reply' }, argument: { name: 'oa', value: 'b' } });
    expect(oa.completion.values).toEqual(['branch']);
  });

  it('completeUserId never fails: Zalo errors give an empty list', async () => {
    t.sim.failNext({ code: -32, times: 10 });
    expect(await completeUserId(t.runtime, '')).toEqual([]);
  });
});
