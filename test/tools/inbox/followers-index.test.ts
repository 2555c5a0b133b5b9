/** followers_sync and followers_search through a real MCP client against the simulator. */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldName } from '../../../src/store/normalize.js';
import { windowOf } from '../../../src/sandbox/index.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('follower index', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });
  const followers = () => [...t.sim.oa().followers.values()];

  it('says the index is empty before the first sync, and a phone send falls back to the scan', async () => {
    const page = await t.ok('followers_search', { name: 'lan' });
    expect(page.items).toEqual([]);
    expect(page).toMatchObject({ indexed: 0, synced_at: null, note: expect.stringMatching(/run followers_sync/) });
  });

  it('syncs the list and every profile with progress, then searches accent- and case-insensitively', async () => {
    const seen: Array<{ progress: number; total?: number }> = [];
    const result = await t.client.request(
      { method: 'tools/call', params: { name: 'followers_sync', arguments: {}, _meta: { progressToken: 'sync-1' } } },
      CallToolResultSchema,
      { onprogress: (p) => void seen.push(p) },
    );
    const all = followers();
    expect(result.structuredContent).toMatchObject({ mode: 'full', resumed: false, followers_listed: all.length, profiles_read: all.length, remaining: 0, index_size: all.length });
    const profileProgress = seen.filter((p) => p.total === all.length);
    expect(profileProgress.at(-1)!.progress).toBe(all.length);
    expect(profileProgress.map((p) => p.progress)).toEqual([...profileProgress.map((p) => p.progress)].sort((a, b) => a - b));
    expect(t.sim.calls('/v3.0/oa/user/detail')).toHaveLength(all.length);

    const target = all.find((f) => /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i.test(f.display_name) && f.shared_info?.phone)!;
    const folded = foldName(target.display_name);
    const byName = await t.ok('followers_search', { name: folded.toUpperCase(), count: 50 });
    expect(byName.items.map((i: any) => i.user_id)).toContain(target.user_id);
    expect(byName.items.every((i: any) => foldName(`${i.display_name} ${i.name ?? ''} ${i.alias ?? ''}`).includes(folded))).toBe(true);
    const hit = byName.items.find((i: any) => i.user_id === target.user_id);
    expect(hit).toMatchObject({ display_name: target.display_name, phone: target.shared_info!.phone, city: target.shared_info!.city });
    expect(byName).toMatchObject({ indexed: all.length, synced_at: expect.any(String) });
    expect(byName.note).toBeUndefined();

    const phone = target.shared_info!.phone!;
    for (const form of [`0${phone.slice(2)}`, `+${phone}`, `0${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`]) {
      expect((await t.ok('followers_search', { phone: form })).items.map((i: any) => i.user_id), form).toEqual([target.user_id]);
    }
  });

  it('filters by tag, city, follow state, last interaction and missing fields, paged', async () => {
    const all = followers();
    const ids = async (args: Record<string, unknown>) => {
      const out: string[] = [];
      for (let offset: number | null = 0; offset !== null;) {
        const page: any = await t.ok('followers_search', { ...args, offset, count: 50 });
        out.push(...page.items.map((i: any) => i.user_id));
        offset = page.next_offset;
      }
      return out.sort();
    };
    const expectIds = (pred: (f: (typeof all)[number], i: number) => boolean) => all.filter(pred).map((f) => f.user_id).sort();
    expect(await ids({ tag: 'khach quen' })).toEqual(expectIds((f) => f.tags.has('Khách quen')));
    expect(await ids({ city: 'ho chi minh' })).toEqual(expectIds((f) => f.shared_info?.city === 'TP. Hồ Chí Minh'));
    expect(await ids({ is_follower: false })).toEqual(expectIds((_, i) => windowOf(i) === 'unfollowed'));
    expect(await ids({ missing: ['phone'] })).toEqual(expectIds((f) => !f.shared_info?.phone));
    const cut = new Date(Date.now() - 3 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const recent = await ids({ last_interaction: `${cut}:` });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent).toEqual(expectIds((f) => new Date(f.last_interaction_ms + 7 * 3_600_000).toISOString().slice(0, 10) >= cut));
  });

  it('resolves a phone send through the index: one profile read, no scan', async () => {
    const target = followers().find((f, i) => windowOf(i) === 'within_48h' && f.shared_info?.phone && !f.restricted)!;
    const [lists, details] = [t.sim.calls('/user/getlist').length, t.sim.calls('/user/detail').length];
    const sent = await t.ok('messages_send_text', { phone: `0${target.shared_info!.phone!.slice(2)}`, text: 'Chào chị' });
    expect(sent.user_id).toBe(target.user_id);
    expect(t.sim.calls('/user/getlist').length).toBe(lists);
    expect(t.sim.calls('/user/detail').length).toBe(details + 1);
  });

  it('syncs incrementally: new followers and recently active ones only', async () => {
    const oa = t.sim.oa();
    const template = followers()[5]!;
    const newcomer = { ...template, user_id: '1999999999999999001', display_name: 'Đinh Thị Mới', tags: new Set<string>(), last_interaction_ms: Date.now() - 86_400_000 * 20 };
    oa.followers.set(newcomer.user_id, newcomer);
    const before = t.sim.calls('/user/detail').length;
    const result = await t.ok('followers_sync');
    const activeToday = [...oa.followers.values()].filter((f) => new Date(f.last_interaction_ms + 7 * 3_600_000).toISOString().slice(0, 10) === new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
    expect(result).toMatchObject({ mode: 'incremental', resumed: false, remaining: 0, index_size: oa.followers.size });
    expect(result.profiles_read).toBeLessThanOrEqual(activeToday.length + 1);
    expect(result.profiles_read).toBeGreaterThanOrEqual(1);
    expect(t.sim.calls('/user/detail').length - before).toBe(result.profiles_read);
    expect((await t.ok('followers_search', { name: 'dinh thi moi' })).items.map((i: any) => i.user_id)).toEqual([newcomer.user_id]);
  });

  it('refuses a phone query that is not digits, and a malformed date range', async () => {
    expect(await t.fail('followers_search', { phone: 'abc-def' })).toMatch(/phone "abc-def" is not a phone number/);
    expect(await t.fail('followers_search', { last_interaction: '2026-13-01:' })).toMatch(/last_interaction: must be YYYY-MM-DD:YYYY-MM-DD/);
  });
});
