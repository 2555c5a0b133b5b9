/**
 * phone → user_id for sends and status checks: the local follower index first (one query, then
 * one profile read to confirm the phone is still theirs), and only when the index has no match
 * the scan of every profile, announced in the log (which the client receives as a notification).
 */
import { tryStore } from '../../store/record.js';
import { tryNormalizePhone } from '../../zalo/phone.js';
import type { ToolContext } from '../define-tool.js';

/** The indexed follower with this phone, confirmed by a profile read; or undefined after saying a scan follows. */
export async function indexedUserByPhone(ctx: ToolContext, phone84: string): Promise<string | undefined> {
  const store = await tryStore(ctx);
  const hits = store ? (await store.searchFollowers({ oa: ctx.oa, phone: { exact: phone84 }, offset: 0, count: 5 })).items : [];
  for (const hit of hits) {
    const detail = await ctx.zalo.followers.detail(hit.userId).catch(() => undefined);
    if (detail && tryNormalizePhone(String(detail.shared_info?.phone ?? '')) === phone84) return hit.userId;
  }
  const note = store && (await store.indexInfo(ctx.oa)).profiles > 0
    ? 'phone not in the local follower index (followers_sync refreshes it): scanning follower profiles'
    : 'no local follower index yet (followers_sync builds one): scanning follower profiles';
  // The log line reaches the client too (notifications/message): the scan that follows is slow.
  ctx.log.info(note, { oa: ctx.oa });
  return undefined;
}

/** Index first, then the scan of every profile. */
export async function findUserByPhone(ctx: ToolContext, phone84: string): Promise<string | undefined> {
  return (await indexedUserByPhone(ctx, phone84)) ?? ctx.zalo.followers.findByPhone(phone84, (scanned, total) => ctx.progress(scanned, total, 'looking for the phone among followers'));
}
