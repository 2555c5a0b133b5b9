import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn } from './helpers.js';

describe('messages_send_image', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends an image by URL with a caption', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.ok('messages_send_image', { user_id: f.user_id, image_url: 'https://cdn.example.vn/ao-so-mi.jpg', caption: 'Mẫu áo mới' });
    expect(r.user_id).toBe(f.user_id);
    expect(t.sim.calls('/message/cs')[0]!.body).toEqual({
      recipient: { user_id: f.user_id },
      message: {
        text: 'Mẫu áo mới',
        attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://cdn.example.vn/ao-so-mi.jpg' }] } },
      },
    });
    const h = await t.ok('conversations_get_history', { user_id: f.user_id, count: 1 });
    expect(h.items[0]).toMatchObject({ message_id: r.message_id, type: 'image', text: 'Mẫu áo mới', url: 'https://cdn.example.vn/ao-so-mi.jpg' });
  });

  it('sends an uploaded image by attachment_id', async () => {
    const f = followerIn(t.sim, 'within_48h');
    await t.ok('messages_send_image', { user_id: f.user_id, attachment_id: 'att_abc123' });
    const body = t.sim.calls('/message/cs')[0]!.body as any;
    expect(body.message.attachment.payload.elements).toEqual([{ media_type: 'image', attachment_id: 'att_abc123' }]);
    expect(body.message.text).toBeUndefined();
  });

  it.each([
    [{}, 'image missing or ambiguous'],
    [{ image_url: 'https://cdn.example.vn/a.jpg', attachment_id: 'att_1' }, 'image missing or ambiguous'],
  ])('needs exactly one of image_url / attachment_id (%j)', async (image, message) => {
    const f = followerIn(t.sim, 'within_48h');
    expect(await t.fail('messages_send_image', { user_id: f.user_id, ...image })).toContain(message);
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });

  it('refuses a plain-http image URL before sending', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const r = await t.call('messages_send_image', { user_id: f.user_id, image_url: 'http://cdn.example.vn/a.jpg' });
    expect(r.isError).toBe(true);
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
  });

  it('reports an expired attachment (-100)', async () => {
    const f = followerIn(t.sim, 'within_48h');
    t.sim.failNext({ path: '/message/cs', code: -100, message: 'attachment_id was expired' });
    const text = await t.fail('messages_send_image', { user_id: f.user_id, attachment_id: 'att_old' });
    expect(text).toContain('attachment_id was expired (Zalo error -100)');
    expect(text).toContain('media_upload_');
    expect(t.sim.calls('/message/cs')).toHaveLength(1);
  });
});

describe('messages_send_file', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends an uploaded file by token', async () => {
    const f = followerIn(t.sim, 'within_7d');
    const r = await t.ok('messages_send_file', { user_id: f.user_id, token: 'file_tok_42' });
    expect(r.quota.type).toBe('sub_quota');
    expect(t.sim.calls('/message/cs')[0]!.body).toEqual({
      recipient: { user_id: f.user_id },
      message: { attachment: { type: 'file', payload: { token: 'file_tok_42' } } },
    });
    expect(t.sim.oa().messages[0]).toMatchObject({ message_id: r.message_id, type: 'file', src: 0 });
  });

  it('fails like Zalo for a user who unfollowed (-213)', async () => {
    const f = followerIn(t.sim, 'unfollowed');
    expect(await t.fail('messages_send_file', { user_id: f.user_id, token: 'file_tok_42' })).toContain('(Zalo error -213)');
  });
});
