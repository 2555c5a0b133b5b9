/** Resources through a real MCP client: listing, reading, template lists and completions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, resourceText, type TestContext } from '../harness.js';

const json = (r: Parameters<typeof resourceText>[0]) => JSON.parse(resourceText(r));

describe('resources', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(); });
  afterAll(async () => { await t.close(); });

  it('zalo://oas lists the configured OAs without any secret or token', async () => {
    const r = await t.client.readResource({ uri: 'zalo://oas' });
    const body = json(r);
    expect(body).toMatchObject({ default: 'shop', sandbox: true });
    expect(body.oas.map((o: { alias: string }) => o.alias)).toEqual(['shop', 'branch']);
    const text = resourceText(r);
    for (const a of t.config.accounts) {
      expect(text).not.toContain(a.appSecret);
      expect(text).not.toContain(a.refreshToken);
    }
    expect(text).not.toMatch(/sbx_(at|rt)_|secret/i);
  });

  it('reads an OA profile per alias', async () => {
    expect(json(await t.client.readResource({ uri: 'zalo://oa/shop/profile' })).name).toBe('Hoa Sen Boutique');
    expect(json(await t.client.readResource({ uri: 'zalo://oa/branch/profile' })).name).toContain('Đà Nẵng');
  });

  it('reads a follower profile and a conversation history (newest first)', async () => {
    const newest = t.sim.oa().messages[0]!;
    const profile = json(await t.client.readResource({ uri: `zalo://oa/shop/followers/${newest.user_id}` }));
    expect(profile.display_name).toBe(t.sim.oa().followers.get(newest.user_id)!.display_name);
    const history = json(await t.client.readResource({ uri: `zalo://oa/shop/conversations/${newest.user_id}` }));
    expect(history.items[0].message_id).toBe(newest.message_id);
    const times = history.items.map((m: { time: string }) => Date.parse(m.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lists the templates: one profile per OA and the recent conversations', async () => {
    const { resources } = await t.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(expect.arrayContaining(['zalo://oas', 'zalo://oa/shop/profile', 'zalo://oa/branch/profile']));
    const newest = t.sim.oa().messages[0]!;
    expect(uris).toContain(`zalo://oa/shop/conversations/${newest.user_id}`);
    expect(uris).toContain(`zalo://oa/shop/followers/${newest.user_id}`);
    const { resourceTemplates } = await t.client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual(
      expect.arrayContaining(['zalo://oa/{oa}/profile', 'zalo://oa/{oa}/followers/{user_id}', 'zalo://oa/{oa}/conversations/{user_id}']),
    );
  });

  it('completes oa and user_id', async () => {
    const oa = await t.client.complete({ ref: { type: 'ref/resource', uri: 'zalo://oa/{oa}/profile' }, argument: { name: 'oa', value: 'sh' } });
    expect(oa.completion.values).toEqual(['shop']);
    const newest = t.sim.oa().messages[0]!;
    const users = await t.client.complete({
      ref: { type: 'ref/resource', uri: 'zalo://oa/{oa}/conversations/{user_id}' },
      argument: { name: 'user_id', value: newest.user_id.slice(0, 6) },
      context: { arguments: { oa: 'shop' } },
    });
    expect(users.completion.values).toContain(newest.user_id);
    expect(users.completion.values.every((v) => v.startsWith(newest.user_id.slice(0, 6)))).toBe(true);
  });

  it('refuses a malformed user_id before calling Zalo, and reports Zalo errors with the hint', async () => {
    const before = t.sim.requests.length;
    await expect(t.client.readResource({ uri: 'zalo://oa/shop/followers/not-a-number' })).rejects.toThrow(/user_id/);
    expect(t.sim.requests.length).toBe(before);
    await expect(t.client.readResource({ uri: 'zalo://oa/shop/followers/1999999999999999999' })).rejects.toThrow(/user_id is invalid/);
    await expect(t.client.readResource({ uri: 'zalo://oa/nowhere/profile' })).rejects.toThrow(/Unknown OA "nowhere"/);
  });
});
