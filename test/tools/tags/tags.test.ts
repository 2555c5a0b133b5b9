import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('tags tools', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const followers = () => [...t.sim.oa().followers.values()];

  describe('tags_list', () => {
    it('lists the OA\'s tags', async () => {
      const r = await t.ok('tags_list');
      expect(r.items).toEqual([...t.sim.oa().tags]);
      expect(r).toMatchObject({ offset: 0, total: t.sim.oa().tags.size, next_offset: null });
    });

    it('passes on a Zalo error', async () => {
      t.sim.failNext({ path: '/v2.0/oa/tag/gettagsofoa', code: -224, message: 'The OA needs to upgrade OA Tier Package' });
      expect(await t.fail('tags_list')).toContain('(Zalo error -224)');
    });
  });

  describe('tags_add_follower', () => {
    it('tags a user, creating the tag when new', async () => {
      const f = followers()[3]!;
      expect(await t.ok('tags_add_follower', { user_id: f.user_id, tag: 'Khách Tết 2026' })).toEqual({ user_id: f.user_id, tag: 'Khách Tết 2026', tagged: true });
      expect(t.sim.calls('/v2.0/oa/tag/tagfollower')[0]!.body).toEqual({ user_id: f.user_id, tag_name: 'Khách Tết 2026' });
      expect(f.tags.has('Khách Tết 2026')).toBe(true);
      expect((await t.ok('tags_list')).items).toContain('Khách Tết 2026');
    });

    it('passes on -201 for an unknown user', async () => {
      expect(await t.fail('tags_add_follower', { user_id: '42', tag: 'VIP' })).toContain('user_id is invalid! (Zalo error -201)');
    });

    it('rejects an empty or 51-character tag before calling Zalo', async () => {
      const user_id = followers()[0]!.user_id;
      await t.fail('tags_add_follower', { user_id, tag: '' });
      await t.fail('tags_add_follower', { user_id, tag: 'x'.repeat(51) });
      expect(t.sim.calls('/v2.0/oa/tag/tagfollower')).toHaveLength(0);
    });
  });

  describe('tags_remove_follower', () => {
    it('untags a user and keeps the tag on the OA', async () => {
      const f = followers().find((x) => x.tags.has('VIP'))!;
      expect(await t.ok('tags_remove_follower', { user_id: f.user_id, tag: 'VIP' })).toMatchObject({ removed: true });
      expect(t.sim.calls('/v2.0/oa/tag/rmfollowerfromtag')[0]!.body).toEqual({ user_id: f.user_id, tag_name: 'VIP' });
      expect(f.tags.has('VIP')).toBe(false);
      expect(t.sim.oa().tags.has('VIP')).toBe(true);
    });

    it('passes on -201 when the user does not have the tag', async () => {
      const f = followers().find((x) => !x.tags.has('VIP'))!;
      expect(await t.fail('tags_remove_follower', { user_id: f.user_id, tag: 'VIP' })).toContain('tag_name is invalid! (Zalo error -201)');
    });

    it('rejects a malformed user_id before calling Zalo', async () => {
      await t.fail('tags_remove_follower', { user_id: 'u-1', tag: 'VIP' });
      expect(t.sim.calls('/v2.0/oa/tag/rmfollowerfromtag')).toHaveLength(0);
    });
  });

  describe('tags_delete', () => {
    it('deletes the tag from the OA and from every user', async () => {
      const had = followers().filter((x) => x.tags.has('VIP'));
      expect(had.length).toBeGreaterThan(0);
      expect(await t.ok('tags_delete', { tag: 'VIP' })).toEqual({ tag: 'VIP', deleted: true });
      expect(t.sim.oa().tags.has('VIP')).toBe(false);
      expect(had.every((f) => !f.tags.has('VIP'))).toBe(true);
      expect((await t.ok('followers_list', { tag: 'VIP' })).total).toBe(0);
    });

    it('passes on -201 for an unknown tag', async () => {
      expect(await t.fail('tags_delete', { tag: 'Không tồn tại' })).toContain('tag_name is invalid! (Zalo error -201)');
    });

    it('is marked destructive and rejects an empty tag before calling Zalo', async () => {
      const { tools } = await t.client.listTools();
      expect(tools.find((x) => x.name === 'tags_delete')!.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
      await t.fail('tags_delete', { tag: '' });
      expect(t.sim.calls('/v2.0/oa/tag/rmtag')).toHaveLength(0);
    });
  });
});
