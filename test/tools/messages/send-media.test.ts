import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../harness.js';
import { followerIn, uploaded } from './helpers.js';

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
    const id = await uploaded(t, 'image');
    await t.ok('messages_send_image', { user_id: f.user_id, attachment_id: id });
    const body = t.sim.calls('/message/cs')[0]!.body as any;
    expect(body.message.attachment.payload.elements).toEqual([{ media_type: 'image', attachment_id: id }]);
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

  it('reports an attachment Zalo no longer keeps (-100) after 7 days', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const id = await uploaded(t, 'image');
    const grants = t.sim.calls('/v4/oa/access_token').length;
    t.sim.advance(7 * 24 * 3_600_000 + 1000);
    const text = await t.fail('messages_send_image', { user_id: f.user_id, attachment_id: id });
    expect(text).toContain('attachment_id was expired (Zalo error -100)');
    expect(text).toContain('media_upload_');
    // The week also expired the access token; the server shares the simulator's clock, so it
    // refreshed ahead of the send: one send, never a repeat.
    expect(t.sim.calls('/message/cs').map((r) => r.error)).toEqual([-100]);
    expect(t.sim.calls('/v4/oa/access_token')).toHaveLength(grants + 1);
  });
});

describe('messages_send_file', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  it('sends an uploaded file by token', async () => {
    const f = followerIn(t.sim, 'within_7d');
    const token = await uploaded(t, 'file');
    const r = await t.ok('messages_send_file', { user_id: f.user_id, token });
    expect(r.quota.type).toBe('sub_quota');
    expect(t.sim.calls('/message/cs')[0]!.body).toEqual({
      recipient: { user_id: f.user_id },
      message: { attachment: { type: 'file', payload: { token } } },
    });
    expect(t.sim.oa().messages[0]).toMatchObject({ message_id: r.message_id, type: 'file', src: 0 });
  });

  it('fails like Zalo for a user who unfollowed (-213)', async () => {
    const f = followerIn(t.sim, 'unfollowed');
    expect(await t.fail('messages_send_file', { user_id: f.user_id, token: await uploaded(t, 'file') })).toContain('(Zalo error -213)');
  });
});
