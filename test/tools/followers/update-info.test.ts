import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';

describe('followers_update_info', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const bare = () => [...t.sim.oa().followers.values()].find((x) => !x.shared_info)!;

  it('sends only the given fields in Zalo\'s format and reports email as not applied', async () => {
    const f = bare();
    const r = await t.ok('followers_update_info', {
      user_id: f.user_id, alias: 'Chị Lan (sỉ)', phone: '+84 912.345.678', email: 'lan@example.vn', birthday: '1990-07-15',
    });
    expect(t.sim.calls('/v3.0/oa/user/update')[0]!.body).toEqual({
      user_id: f.user_id,
      user_alias: 'Chị Lan (sỉ)',
      shared_info: { phone: '84912345678', email: 'lan@example.vn', user_dob: '15/07/1990' },
    });
    expect(f.user_alias).toBe('Chị Lan (sỉ)');
    expect(f.shared_info).toEqual({ phone: '84912345678', user_dob: '15/07/1990' });
    expect(r).toMatchObject({ user_id: f.user_id, alias: 'Chị Lan (sỉ)', shared_info: { phone: '84912345678', birthday: '1990-07-15' } });
    expect(r.not_applied).toEqual(['email']);
  });

  it('keeps the shared info that was not given', async () => {
    const f = [...t.sim.oa().followers.values()].find((x) => x.shared_info)!;
    const before = { ...f.shared_info };
    const r = await t.ok('followers_update_info', { user_id: f.user_id, city: 'Đà Nẵng', district: 'Hải Châu' });
    expect(t.sim.calls('/v3.0/oa/user/update')[0]!.body).toEqual({ user_id: f.user_id, shared_info: { city: 'Đà Nẵng', district: 'Hải Châu' } });
    expect(f.shared_info).toEqual({ ...before, city: 'Đà Nẵng', district: 'Hải Châu' });
    expect(r.not_applied).toEqual([]);
  });

  it('passes on Zalo\'s -201 for an unknown user without reading back', async () => {
    expect(await t.fail('followers_update_info', { user_id: '42', name: 'Lan' })).toContain('user_id is invalid! (Zalo error -201)');
    expect(t.sim.calls('/v3.0/oa/user/detail')).toHaveLength(0);
  });

  it('lists fields Zalo silently ignored', async () => {
    t.sim.failNext({ path: '/v3.0/oa/user/update', code: 0, message: 'Success' });
    const f = bare();
    const r = await t.ok('followers_update_info', { user_id: f.user_id, name: 'Lan', address: '12 Lê Lợi' });
    expect(r.not_applied).toEqual(['name', 'address']);
  });

  it('refuses no fields, a 1969 or impossible birthday and a bad phone before calling Zalo', async () => {
    const user_id = bare().user_id;
    expect(await t.fail('followers_update_info', { user_id })).toContain('no field to update');
    expect(await t.fail('followers_update_info', { user_id, birthday: '1969-12-31' })).toContain('not before 1970-01-01');
    expect(await t.fail('followers_update_info', { user_id, birthday: '1990-02-30' })).toContain('not a valid date');
    expect(await t.fail('followers_update_info', { user_id, phone: '12345678901' })).toContain('not a Vietnamese phone number');
    await t.fail('followers_update_info', { user_id, email: 'not-an-email' });
    expect(t.sim.calls('/v3.0/oa/user/update')).toHaveLength(0);
  });
});
