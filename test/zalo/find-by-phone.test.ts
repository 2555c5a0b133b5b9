import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followersEndpoints } from '../../src/zalo/endpoints/followers.js';
import { createZaloApi, type OaRequest } from '../../src/zalo/endpoints/index.js';
import { ZaloApiError } from '../../src/zalo/errors.js';
import { createTestContext, type TestContext } from '../harness.js';

describe('followers endpoints', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const api = () => createZaloApi(t.runtime.client, undefined, undefined, t.runtime.caches);
  const followers = () => [...t.sim.oa().followers.values()];

  describe('findByPhone', () => {
    it('finds a user deep in the list by shared_info.phone (sent by Zalo as a number), then answers from the cache', async () => {
      const f = followers().filter((x) => x.shared_info?.phone).at(-1)!;
      expect(await api().followers.findByPhone(f.shared_info!.phone!)).toBe(f.user_id);
      const scanned = t.sim.calls('/v3.0/oa/user/detail').length;
      expect(t.sim.calls('/v3.0/oa/user/getlist').map((c) => c.data.count)).toEqual([50, 50, 50, 50, 50]);
      // A new endpoint object (tools build one per call) still hits the cache: one check, no scan.
      expect(await api().followers.findByPhone(f.shared_info!.phone!)).toBe(f.user_id);
      expect(t.sim.calls('/v3.0/oa/user/detail').length).toBe(scanned + 1);
      expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(5);
    });

    it('stops at the list offset cap (9,951) with a clear error instead of asking Zalo past it', async () => {
      // A stand-in for Zalo with 20,000 followers, none with the phone: only what the scan asks matters.
      const offsets: number[] = [];
      const request = (async (opts: { path: string; data?: Record<string, unknown> }) => {
        if (opts.path.endsWith('/getlist')) {
          const offset = Number(opts.data!.offset);
          offsets.push(offset);
          return { total: 20_000, users: Array.from({ length: 50 }, (_, i) => ({ user_id: String(1e6 + offset + i) })) };
        }
        return { user_id: String(opts.data!.user_id), display_name: 'x' };
      }) as OaRequest;
      await expect(followersEndpoints(request).findByPhone('84911112222')).rejects.toThrow(/first 10000 of 20000: Zalo's follower list stops at offset 9951\. Run followers_sync/);
      expect(Math.max(...offsets)).toBe(9950);
    });

    it('stops scanning at the match', async () => {
      const f = followers()[5]!;
      f.shared_info = { ...f.shared_info, phone: '84911112222' };
      expect(await api().followers.findByPhone('84911112222')).toBe(f.user_id);
      expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(1);
      expect(t.sim.calls('/v3.0/oa/user/detail').length).toBeLessThanOrEqual(16);
    });

    it('re-checks a cached match and scans again when the phone moved to another user', async () => {
      const [a, b] = followers().filter((x) => x.shared_info?.phone);
      const phone = a!.shared_info!.phone!;
      expect(await api().followers.findByPhone(phone)).toBe(a!.user_id);
      a!.shared_info!.phone = '84900000001';
      b!.shared_info!.phone = phone;
      expect(await api().followers.findByPhone(phone)).toBe(b!.user_id);
    });

    it('keeps the cache on the runtime: a second runtime scans afresh, and entries expire on the simulator clock', async () => {
      const f = followers().filter((x) => x.shared_info?.phone).at(-1)!;
      const phone = f.shared_info!.phone!;
      expect(await api().followers.findByPhone(phone)).toBe(f.user_id);
      const other = await createTestContext();
      try {
        expect(await createZaloApi(other.runtime.client, undefined, undefined, other.runtime.caches).followers.findByPhone(phone)).toBe(f.user_id);
        expect(other.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(5); // nothing borrowed from the first runtime
      } finally {
        await other.close();
      }
      t.sim.advance(4 * 60_000);
      expect(await api().followers.findByPhone(phone)).toBe(f.user_id);
      expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(5); // still fresh: one re-check
      t.sim.advance(2 * 60_000); // 6 min on the simulator's clock: past the 5 min TTL
      expect(await api().followers.findByPhone(phone)).toBe(f.user_id);
      expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(10);
    });

    it('returns undefined when nobody shared the phone', async () => {
      expect(await api().followers.findByPhone('84999999999')).toBeUndefined();
      expect(t.sim.calls('/v3.0/oa/user/getlist')).toHaveLength(5);
    });

    it('fails with Zalo\'s error when the list cannot be read', async () => {
      t.sim.failNext({ path: '/v3.0/oa/user/getlist', code: -223, message: 'OA has not authorized this API' });
      await expect(api().followers.findByPhone('84999999998')).rejects.toMatchObject({ code: -223 });
    });
  });

  describe('simulator checks on user/update', () => {
    const update = (body: Record<string, unknown>) =>
      createZaloApi(t.runtime.client).followers.update(body as never).then(() => 0, (e: ZaloApiError) => e.message);

    it('refuses a bad user_dob, a non-84 phone and an unknown user like Zalo', async () => {
      const user_id = followers()[0]!.user_id;
      expect(await update({ user_id, shared_info: { user_dob: '31/12/1969' } })).toBe('user_dob is invalid!');
      expect(await update({ user_id, shared_info: { user_dob: '1990-01-01' } })).toBe('user_dob is invalid!');
      expect(await update({ user_id, shared_info: { phone: '0912345678' } })).toBe('phone is invalid!');
      expect(await update({ user_id: '42', user_alias: 'x' })).toBe('user_id is invalid!');
      expect(await update({ user_id, shared_info: { phone: '84912345678', email: 'a@b.vn' } })).toBe(0);
      expect(followers()[0]!.shared_info).not.toHaveProperty('email');
    });
  });
});
