/**
 * Zalo wants `media_type: "gif"` (not "image") when a message carries an uploaded GIF, but an
 * attachment_id does not say what it holds. media_upload_gif remembers the ids it produced so
 * messages_send_image can pick the right media_type without another input field. Ids live about
 * 7 days on Zalo's side; this process keeps at most the last MAX of them.
 */
const MAX = 1000;
const gifIds = new Set<string>();

export function rememberGifAttachment(attachmentId: string): void {
  gifIds.add(attachmentId);
  if (gifIds.size > MAX) gifIds.delete(gifIds.values().next().value!);
}

/** Zalo's media_type for an image element: by the upload that produced the id, or the URL's extension. */
export function mediaTypeFor(ref: { attachment_id?: string; image_url?: string }): 'image' | 'gif' {
  if (ref.attachment_id !== undefined) return gifIds.has(ref.attachment_id) ? 'gif' : 'image';
  return /\.gif(?:[?#]|$)/i.test(ref.image_url ?? '') ? 'gif' : 'image';
}
