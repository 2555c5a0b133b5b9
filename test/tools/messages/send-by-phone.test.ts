import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { znsState } from '../../../src/sandbox/routes/zns.js';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn, localPhone } from './helpers.js';

/** A send by phone that cannot go out as a consultation message names approved ZNS templates. */
describe('send by phone: ZNS fallback hint', () => {
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
    expect(text).toContain(`Send a ZNS message to ${phone} with zns_send instead.`);
    for (const tpl of enabled()) expect(text).toContain(`${tpl.templateId} "${tpl.templateName}"`);
    for (const other of ['305101', '305102', '302977']) expect(text).not.toContain(other);
    expect(t.sim.calls('/template/all')[0]!.query).toMatchObject({ status: '1', limit: '3' });
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
    expect(t.sim.calls('/message/template')).toHaveLength(0);
  });

  it('window expired (-230): Zalo\'s reason plus the approved templates', async () => {
    const f = followerIn(t.sim, 'expired', { withPhone: true });
    const text = await t.fail('messages_send_image', { phone: f.shared_info!.phone!, image_url: 'https://example.com/a.jpg' });
    expect(text).toContain('(Zalo error -230)');
    expect(text).toMatch(/Approved ZNS templates: \d+ "[^"]+", .*zns_get_template.*Try zns_send with a matching template\.$/);
  });

  it('unfollowed (-213) by phone gets the same hint; by user_id it does not read ZNS templates', async () => {
    const f = followerIn(t.sim, 'unfollowed', { withPhone: true });
    expect(await t.fail('messages_send_text', { phone: f.shared_info!.phone!, text: 'Xin chào' })).toContain('Approved ZNS templates: ');
    const before = t.sim.calls('/template/all').length;
    expect(await t.fail('messages_send_text', { user_id: f.user_id, text: 'Xin chào' })).not.toContain('Approved ZNS templates');
    expect(t.sim.calls('/template/all')).toHaveLength(before);
  });

  it('when the templates cannot be read, it points to zns_list_templates instead', async () => {
    t.sim.failNext({ path: '/template/all', code: -223, message: 'OA has not authorized this API' });
    const text = await t.fail('messages_send_text', { phone: localPhone(unusedPhone()), text: 'Xin chào' });
    expect(text).toContain('Pick an approved template with zns_list_templates (status enable).');
  });
});
