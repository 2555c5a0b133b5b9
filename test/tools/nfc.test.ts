/**
 * ZALO_API.md §3 "Text": inputs are normalised to NFC before they are sent, and limits count code
 * points after that — so a decomposed (NFD) "Khách mới" is the same tag, and Vietnamese or emoji
 * text is measured the way Zalo measures it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followerIn } from './messages/helpers.js';
import { createTestContext, type TestContext } from '../harness.js';

describe('NFC text', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('"Khách mới" typed decomposed is the same tag as typed composed', async () => {
    const nfd = 'Khách mới'.normalize('NFD');
    expect(nfd).not.toBe('Khách mới');
    const [a, b] = [followerIn(t.sim, 'within_48h'), followerIn(t.sim, 'within_48h', { skip: 1 })];
    await t.ok('tags_add_follower', { user_id: a.user_id, tag: nfd });
    await t.ok('tags_add_follower', { user_id: b.user_id, tag: 'Khách mới' });
    expect(t.sim.calls('/tagfollower').map((c) => (c.body as { tag_name: string }).tag_name)).toEqual(['Khách mới', 'Khách mới']);
    const tags = (await t.ok('tags_list')).items as string[];
    expect(tags.filter((x) => x.normalize('NFC') === 'Khách mới')).toEqual(['Khách mới']);
  });

  it('a message is measured in code points after NFC: 1,000 decomposed "ấ" (3,000 code points) fit in 2,000', async () => {
    const f = followerIn(t.sim, 'within_48h');
    await t.ok('messages_send_text', { user_id: f.user_id, text: 'ấ'.normalize('NFD').repeat(1000) });
    expect((t.sim.calls('/message/cs')[0]!.body as { message: { text: string } }).message.text).toBe('ấ'.repeat(1000));
  });

  it('2,000 emoji are 2,000 characters (4,000 UTF-16 units); 2,001 are refused before sending', async () => {
    const f = followerIn(t.sim, 'within_48h');
    await t.ok('messages_send_text', { user_id: f.user_id, text: '😀'.repeat(2000) });
    expect(await t.fail('messages_send_text', { user_id: f.user_id, text: '😀'.repeat(2001) })).toContain('at most 2000 characters');
    expect(t.sim.calls('/message/cs')).toHaveLength(1);
  });

  it('template data built from decomposed text reaches Zalo composed', async () => {
    const data = { customer_name: 'Nguyễn Thị Lan'.normalize('NFD'), order_code: 'HS-2026-0042', price: '450000', order_date: '25/11/2026' };
    await t.ok('zns_send', { phone: '0912345678', template_id: '304512', template_data: data });
    expect((t.sim.calls('/message/template')[0]!.body as { template_data: Record<string, string> }).template_data.customer_name).toBe('Nguyễn Thị Lan');
  });
});
