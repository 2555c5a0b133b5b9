import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn, localPhone } from './helpers.js';

/** A send that cannot go out as a consultation message names approved templates and the zns_send call. */
describe('template fallback hint', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const enabled = () => [...znsState(t.sim.oa(), t.sim.state).templates.values()].filter((x) => x.status === 'ENABLE');
  const unusedPhone = () => {
    const taken = new Set([...t.sim.oa().followers.values()].map((f) => f.shared_info?.phone));
    let p = 84_912_000_001;
    while (taken.has(String(p))) p++;
    return String(p);
  };

  it('no follower has the phone: names enabled templates and the phone for zns_send, sends nothing', async () => {
    const phone = unusedPhone();
    const text = await t.fail('messages_send_text', { phone: localPhone(phone), text: 'Xin chào' });
    expect(text).toContain(`Send a template to ${phone} with zns_send (phone) instead.`);
    for (const tpl of enabled()) expect(text).toContain(`${tpl.templateId} "${tpl.templateName}"`);
    for (const other of ['305101', '305102', '302977']) expect(text).not.toContain(other);
    expect(t.sim.calls('/template/all')[0]!.query).toMatchObject({ status: '1', limit: '3' });
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it('window expired (-230), by phone or by user_id: the template by user_id plus the approved templates', async () => {
    const f = followerIn(t.sim, 'expired', { withPhone: true });
    for (const to of [{ phone: f.shared_info!.phone! }, { user_id: f.user_id }]) {
      const text = await t.fail('messages_send_image', { ...to, image_url: 'https://example.com/a.jpg' });
      expect(text).toContain('(Zalo error -230)');
      expect(text).toContain(`send an approved template (zns_send with user_id ${f.user_id})`);
      expect(text).toMatch(/Approved templates: \d+ "[^"]+", .*zns_get_template/);
      expect(text).not.toMatch(/transaction/);
    }
  });

  it('unfollowed (-213) by phone points to the phone channel; by user_id it does not read templates', async () => {
    const f = followerIn(t.sim, 'unfollowed', { withPhone: true });
    const text = await t.fail('messages_send_text', { phone: f.shared_info!.phone!, text: 'Xin chào' });
    expect(text).toContain(`(zns_send with phone ${f.shared_info!.phone!})`);
    expect(text).toContain('Approved templates: ');
    const before = t.sim.calls('/template/all').length;
    expect(await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' })).not.toContain('Approved templates');
    expect(t.sim.calls('/template/all')).toHaveLength(before);
  });

  it('when the templates cannot be read, it points to zns_list_templates instead', async () => {
    t.sim.failNext({ path: '/template/all', code: -223, message: 'OA has not authorized this API' });
    const text = await t.fail('messages_send_text', { phone: localPhone(unusedPhone()), text: 'Xin chào' });
    expect(text).toContain('Pick an approved template with zns_list_templates (status enable).');
  });
});
