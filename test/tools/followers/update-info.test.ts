import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('followers_update_info', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const bare = () => [...t.sim.oa().followers.values()].find((x) => !x.shared_info)!;

  it('sends only the given fields in the shape of user/update (no email) and reads them back', async () => {
    const f = bare();
    const r = await t.ok('followers_update_info', {
      user_id: f.user_id, alias: 'Chị Lan (sỉ)', phone: '+84 912.345.678', birthday: '1990-07-15',
    });
    expect(t.sim.calls('/v3.0/oa/user/update')[0]!.body).toEqual({
      user_id: f.user_id,
      user_alias: 'Chị Lan (sỉ)',
      shared_info: { phone: '84912345678', user_dob: '15/07/1990' },
    });
    expect(f.user_alias).toBe('Chị Lan (sỉ)');
    expect(f.shared_info).toEqual({ phone: '84912345678', user_dob: '15/07/1990' });
    expect(r).toMatchObject({ user_id: f.user_id, alias: 'Chị Lan (sỉ)', shared_info: { phone: '84912345678', birthday: '1990-07-15' } });
    expect(r.not_applied).toEqual([]);
  });

  it('has no email field: refused before anything is sent', async () => {
    const f = bare();
    expect(await t.fail('followers_update_info', { user_id: f.user_id, email: 'lan@example.vn' })).toContain('email');
    expect(t.sim.calls('/v3.0/oa/user/update')).toHaveLength(0);
  });

  it('sends city and district as Zalo\'s integer ids and keeps the shared info that was not given', async () => {
    const f = [...t.sim.oa().followers.values()].find((x) => x.shared_info)!;
    const before = { ...f.shared_info };
    // The simulator numbers its places: Đà Nẵng = 3, its first district Hải Châu = 301.
    const r = await t.ok('followers_update_info', { user_id: f.user_id, city: 3, district: 301 });
    expect(t.sim.calls('/v3.0/oa/user/update')[0]!.body).toEqual({ user_id: f.user_id, shared_info: { city_id: 3, district_id: 301 } });
    expect(f.shared_info).toEqual({ ...before, city: 'Đà Nẵng', district: 'Hải Châu' });
    expect(r.shared_info).toMatchObject({ city: 'Đà Nẵng', district: 'Hải Châu' });
    expect(r.not_applied).toEqual([]);
    expect(await t.fail('followers_update_info', { user_id: f.user_id, city: 'Đà Nẵng' })).toContain('city');
    expect(await t.fail('followers_update_info', { user_id: f.user_id, city: 77 })).toContain('city_id is invalid! (Zalo error -201)');
  });

  it('falls back to the v2 twin updatefollowerinfo when Zalo has no v3 user/update (ZALO_API.md [X])', async () => {
    t.sim.failNext({ path: '/v3.0/oa/user/update', code: 404, httpStatus: 404 });
    const f = bare();
    const r = await t.ok('followers_update_info', { user_id: f.user_id, alias: 'Lan', name: 'Nguyễn Thị Lan', city: 1, birthday: '1990-07-15' });
    expect(t.sim.calls('/v2.0/oa/updatefollowerinfo')[0]!.body).toEqual({ user_id: f.user_id, name: 'Nguyễn Thị Lan', city_id: 1 });
    expect(f.shared_info).toEqual({ name: 'Nguyễn Thị Lan', city: 'Hà Nội' });
    // The v2 twin takes no alias and no birthday: the read-back says so.
    expect(r.not_applied).toEqual(['alias', 'birthday']);
  });

  it('normalises names to NFC before sending and counts the limit after it', async () => {
    const f = bare();
    const nfd = 'Nguyễn Thị Lan'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Lan');
    await t.ok('followers_update_info', { user_id: f.user_id, name: nfd, address: `${'ấ'.normalize('NFD').repeat(255)}` });
    const sent = t.sim.calls('/v3.0/oa/user/update')[0]!.body as { shared_info: { name: string; address: string } };
    expect(sent.shared_info.name).toBe('Nguyễn Thị Lan');
    expect([...sent.shared_info.address]).toHaveLength(255);
    expect(await t.fail('followers_update_info', { user_id: f.user_id, address: 'ấ'.repeat(256) })).toContain('at most 255 characters');
  });

  it('passes on Zalo\'s -201 for an unknown user without reading back', async () => {
    expect(await t.fail('followers_update_info', { user_id: '42', name: 'Lan' })).toContain('user_id is invalid! (Zalo error -201)');
    expect(t.sim.calls('/v3.0/oa/user/detail')).toHaveLength(0);
  });

  it('lists fields Zalo silently ignored', async () => {
    t.sim.failNext({ path: '/v3.0/oa/user/update', code: 0, message: 'Success' });
    const f = bare();
    const r = await t.ok('followers_update_info', { user_id: f.user_id, name: 'Lan', address: '12 Lê Lợi', city: 2 });
    expect(r.not_applied).toEqual(['name', 'address', 'city']);
  });

  it('refuses no fields, a 1969 or impossible birthday and a bad phone before calling Zalo', async () => {
    const user_id = bare().user_id;
    expect(await t.fail('followers_update_info', { user_id })).toContain('no field to update');
    expect(await t.fail('followers_update_info', { user_id, birthday: '1969-12-31' })).toContain('not before 1970-01-01');
    expect(await t.fail('followers_update_info', { user_id, birthday: '1990-02-30' })).toContain('not a valid date');
    expect(await t.fail('followers_update_info', { user_id, phone: '12345678901' })).toContain('not a Vietnamese phone number');
    expect(t.sim.calls('/v3.0/oa/user/update')).toHaveLength(0);
  });
});
