/**
 * What a verified webhook changes (ZALO_API.md §13): every event is kept raw, deduplicated on
 * message.msg_id (Zalo retries up to five times) or on event + timestamp + subject; then the
 * event updates what the tools know — the message log, the follower index, delivery and seen
 * receipts, template and quota facts. Database-neutral: it only speaks the Store interface.
 */
import { tryNormalizePhone } from '../zalo/phone.js';
import type { StoreEvents } from './index.js';
import type { EventEffect, FollowerPatch, Store, StoreChange } from './types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Zalo's timestamp in ms (some events carry seconds). */
export function eventTime(body: Obj): number | undefined {
  const n = Number(body.timestamp);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return n < 1e12 ? n * 1000 : n;
}

/** The user an event is about: the follower, the user who wrote, or the user an OA message went to. */
export function eventUser(body: Obj): string | undefined {
  const name = String(body.event_name ?? '');
  if (name === 'follow' || name === 'unfollow') return str(obj(body.follower).id);
  if (name.startsWith('oa_send_') || name === 'oa_reacted_message') return str(obj(body.recipient).id);
  if (name === 'user_received_message') return undefined;
  return str(obj(body.sender).id) ?? str(body.user_id);
}

/** msg:<event>:<msg_id>, else <event>:<timestamp>:<subject>. */
export function dedupeKey(body: Obj): string {
  const name = String(body.event_name ?? '');
  const msgId = str(obj(body.message).msg_id);
  if (msgId) return `msg:${name}:${msgId}`;
  const subject = eventUser(body) ?? str(body.template_id) ?? str(obj(body.tag).name) ?? str(body.oa_id) ?? str(obj(body.recipient).id) ?? '';
  const seen = obj(body.message).msg_ids;
  return `${name}:${String(body.timestamp ?? '')}:${subject}${Array.isArray(seen) ? `:${seen.join(',')}` : ''}`;
}

/** dd/MM/yyyy or YYYY-MM-DD → YYYY-MM-DD. */
function isoDay(v: unknown): string | undefined {
  const s = str(v);
  const m = s && /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
}

/** user_submit_info, in the 2026 shape (full_address) and the older flat one. */
function submittedInfo(info: Obj): FollowerPatch {
  const address = obj(info.full_address);
  const phone = str(info.phone);
  return {
    name: str(info.name),
    phone: phone ? (tryNormalizePhone(phone) ?? phone) : undefined,
    address: str(address.user_address) ?? str(info.address),
    city: str(address.user_city) ?? str(info.city),
    district: str(address.user_ward) ?? str(info.district),
    birthday: isoDay(info.user_dob),
  };
}

export type Emit = <K extends keyof StoreEvents>(name: K, ...args: StoreEvents[K]) => void;

/** What an event changes in the store, and what to announce once that has committed. */
export function eventEffects(name: string, body: Obj, time: number, receivedAt: number, oa: string): { effects: EventEffect[]; changes: StoreChange[] } {
  const userId = eventUser(body);
  const message = obj(body.message);
  const msgId = str(message.msg_id);
  const effects: EventEffect[] = [];
  const changes: StoreChange[] = [];
  const patch = (id: string, p: FollowerPatch) => effects.push({ kind: 'follower', userId: id, patch: p, at: receivedAt });

  const direct = !name.includes('_group_') && !name.startsWith('anonymous_');
  if (direct && userId && msgId && (name.startsWith('user_send_') || name.startsWith('oa_send_'))) {
    const direction = name.startsWith('user_') ? 'in' : 'out';
    const attachments = Array.isArray(message.attachments) ? message.attachments.map(obj) : [];
    const text = str(message.text) ?? str(obj(attachments[0]?.payload).description) ?? str(obj(attachments[0]?.payload).url);
    effects.push({ kind: 'message', message: { messageId: msgId, userId, direction, type: name.replace(/^(user|oa)_send_/, ''), text, time, source: 'webhook' } });
    if (direction === 'in') patch(userId, { lastInteraction: time });
    changes.push({ name: 'message', event: { oa, userId, messageId: msgId, direction } });
    return { effects, changes };
  }
  switch (name) {
    case 'follow':
    case 'unfollow':
      if (userId) patch(userId, { isFollower: name === 'follow', ...(name === 'follow' ? { lastInteraction: time } : {}) });
      break;
    case 'user_submit_info':
      if (userId) patch(userId, { ...submittedInfo(obj(body.info)), lastInteraction: time });
      break;
    case 'add_user_to_tag': {
      const tag = obj(body.tag);
      const tagName = str(tag.name);
      const ids = Array.isArray(tag.user_ids) ? tag.user_ids.map(str).filter((x): x is string => !!x) : [];
      // One order for every writer: two transactions tagging overlapping users never deadlock.
      if (tagName) for (const id of [...new Set(ids)].sort()) patch(id, { addTags: [tagName] });
      break;
    }
    case 'user_received_message':
      if (msgId) {
        const delivered = eventTime({ timestamp: message.delivery_time }) ?? time;
        const to = str(obj(body.recipient).id);
        effects.push({
          kind: 'message',
          message: {
            messageId: msgId, direction: 'out', type: 'template', time, source: 'webhook', deliveredAt: delivered,
            trackingId: str(message.tracking_id), phone: to ? tryNormalizePhone(to) : undefined,
          },
        });
        effects.push({ kind: 'delivered', messageId: msgId, at: delivered });
      }
      break;
    case 'user_seen_message':
      if (userId) {
        const ids = Array.isArray(message.msg_ids) ? message.msg_ids.map(str).filter((x): x is string => !!x) : msgId ? [msgId] : [];
        effects.push({ kind: 'seen', userId, messageIds: ids, at: time });
      }
      break;
    case 'change_template_status': {
      const templateId = str(body.template_id);
      if (templateId) {
        effects.push({ kind: 'value', key: `template_status:${templateId}`, value: JSON.stringify(obj(body.status)), at: time });
        changes.push({ name: 'template', event: { oa, templateId } });
      }
      break;
    }
    case 'change_oa_daily_quota': {
      const value = str(obj(body.quota).new_value);
      if (value !== undefined) effects.push({ kind: 'value', key: 'zns_daily_quota', value, at: time });
      break;
    }
  }
  return { effects, changes };
}

/**
 * Store the event and everything it changes in one transaction (Store.ingest); when it was new,
 * announce it after the commit, never a change that could still roll back. Returns false for a
 * duplicate (nothing changes). `raw` is the exact body Zalo signed.
 */
export async function ingestEvent(store: Store, oa: string, body: Obj, raw: string, receivedAt: number, emit: Emit): Promise<boolean> {
  const name = String(body.event_name ?? 'unknown');
  const time = eventTime(body) ?? receivedAt;
  const { effects, changes } = eventEffects(name, body, time, receivedAt, oa);
  const fresh = await store.ingest({ oa, dedupeKey: dedupeKey(body), eventName: name, userId: eventUser(body), time, receivedAt, raw }, effects, changes);
  if (fresh) for (const c of changes) (emit as (n: string, e: unknown) => void)(c.name, c.event);
  return fresh;
}
