/** What media_upload_* returns is what messages_send_image / messages_send_file take, end to end over MCP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestContext } from '../../harness.js';
import { contextWithUploadRoot, files, put } from '../../uploads/fixtures.js';
import { followerIn } from '../messages/helpers.js';

type Uploads = Map<string, { id: string; kind: string; as: string; filename: string }>;
const uploads = (t: TestContext) => t.sim.oa().slices.get('media') as Uploads;

describe('upload, then send', () => {
  let t: TestContext;
  let root: string;
  beforeEach(async () => {
    ({ t, root } = await contextWithUploadRoot());
  });
  afterEach(async () => { await t.close(); });

  it('media_upload_image → attachment_id → messages_send_image', async () => {
    const f = followerIn(t.sim, 'within_48h');
    put(root, 'tet-sale.png', files.png(2048));
    const up = await t.ok('media_upload_image', { path: 'tet-sale.png' });
    expect(uploads(t).get(up.attachment_id)).toMatchObject({ kind: 'png', as: 'attachment_id', filename: 'tet-sale.png' });

    const sent = await t.ok('messages_send_image', { user_id: f.user_id, attachment_id: up.attachment_id, caption: 'Giảm 30% dịp Tết' });
    const body = t.sim.calls('/v3.0/oa/message/cs')[0]!.body as any;
    expect(body.recipient).toEqual({ user_id: f.user_id });
    expect(body.message.attachment.payload.elements).toEqual([{ media_type: 'image', attachment_id: up.attachment_id }]);
    const history = await t.ok('conversations_get_history', { user_id: f.user_id, count: 1 });
    expect(history.items[0]).toMatchObject({ message_id: sent.message_id, type: 'image', text: 'Giảm 30% dịp Tết', url: expect.stringContaining(up.attachment_id) });
  });

  it('media_upload_file → token → messages_send_file', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const up = await t.ok('media_upload_file', { base64: files.pdf(3000).toString('base64'), filename: 'bang-gia-tet.pdf' });
    expect(uploads(t).get(up.token)).toMatchObject({ kind: 'pdf', as: 'token', filename: 'bang-gia-tet.pdf' });

    const sent = await t.ok('messages_send_file', { user_id: f.user_id, token: up.token });
    expect(t.sim.calls('/v3.0/oa/message/cs')[0]!.body).toEqual({
      recipient: { user_id: f.user_id },
      message: { attachment: { type: 'file', payload: { token: up.token } } },
    });
    expect(t.sim.oa().messages[0]).toMatchObject({ message_id: sent.message_id, user_id: f.user_id, type: 'file', src: 0 });
  });

  it('a png named .jpg is accepted as a png and sent under a .png name', async () => {
    put(root, 'photo.jpg', files.png(500));
    const up = await t.ok('media_upload_image', { path: 'photo.jpg' });
    expect(up).toMatchObject({ type: 'png', bytes: 500 });
    expect(uploads(t).get(up.attachment_id)).toMatchObject({ kind: 'png', filename: 'photo.png' });
    const f = followerIn(t.sim, 'within_48h');
    await t.ok('messages_send_image', { user_id: f.user_id, attachment_id: up.attachment_id });
    expect(t.sim.calls('/message/cs')).toHaveLength(1);
  });

  it('media_upload_gif returns the GIF\'s width and height, and messages_send_image sends them on a gif element', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const up = await t.ok('media_upload_gif', { base64: gif(480, 270, 1200).toString('base64'), filename: 'chuc-mung.gif' });
    expect(up).toMatchObject({ width: 480, height: 270, type: 'gif' });
    await t.ok('messages_send_image', { user_id: f.user_id, attachment_id: up.attachment_id, width: up.width, height: up.height });
    await t.ok('messages_send_image', { user_id: f.user_id, image_url: 'https://cdn.example.vn/hoa-mai.GIF?v=2', width: 320, height: 320 });
    const [byId, byUrl] = t.sim.calls('/v3.0/oa/message/cs').map((r) => (r.body as any).message.attachment.payload.elements[0]);
    expect(byId).toEqual({ media_type: 'gif', attachment_id: up.attachment_id, width: 480, height: 270 });
    expect(byUrl).toEqual({ media_type: 'gif', url: 'https://cdn.example.vn/hoa-mai.GIF?v=2', width: 320, height: 320 });
  });

  it('a GIF without width and height is refused with a clear error', async () => {
    const f = followerIn(t.sim, 'within_48h');
    const up = await t.ok('media_upload_gif', { base64: gif(64, 48).toString('base64'), filename: 'a.gif' });
    expect(await t.fail('messages_send_image', { user_id: f.user_id, image_url: 'https://cdn.example.vn/a.gif' })).toContain('a GIF needs both width and height (width missing)');
    expect(await t.fail('messages_send_image', { user_id: f.user_id, attachment_id: up.attachment_id, width: 64 })).toContain('a GIF needs both width and height (height missing)');
    expect(t.sim.calls('/message/cs')).toHaveLength(0);
    // The id alone says nothing about GIF-ness to the client; Zalo (the simulator) refuses it as an image.
    const text = await t.fail('messages_send_image', { user_id: f.user_id, attachment_id: up.attachment_id });
    expect(text).toContain('media_type is invalid! The attachment is a GIF: send media_type gif with width and height (Zalo error -201)');
    // And a gif element without its size, sent straight to the API, is refused too [C].
    const body = { recipient: { user_id: f.user_id }, message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'gif', attachment_id: up.attachment_id }] } } } };
    await expect(t.runtime.client.request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/cs', body })).rejects.toMatchObject({ code: -201, message: expect.stringContaining('width is invalid!') });
  });
});

/** A minimal GIF89a: header, logical screen width/height (little-endian), padding. */
function gif(width: number, height: number, size = 200): Buffer {
  const b = Buffer.alloc(size);
  b.write('GIF89a', 0, 'ascii');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}
