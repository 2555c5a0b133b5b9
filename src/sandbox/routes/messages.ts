/**
 * Message sends of the simulator: consultation (/v3.0/oa/message/cs), transaction
 * (/v3.0/oa/message/transaction) and group (/v3.0/oa/group/message), enforcing Zalo's rules from
 * src/zalo/rules.ts on the follower state. Sent messages land in oa.messages (newest first), so
 * the conversation reads show them.
 */
import { codePoints, csFreeLeft, CS_FREE_MESSAGES_BEFORE_2026, CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, TEXT_MAX } from '../rules.js';
import { invalid, SimError, type Route } from '../router.js';
import { findUpload } from './media.js';
import { nextId, slice, type ChatMessage, type Follower, type OaState, type SandboxState } from '../state.js';

const TRANSACTION_TYPES = new Set([
  'transaction_billing', 'transaction_order', 'transaction_reward', 'transaction_contract', 'transaction_booking',
  'transaction_membership', 'transaction_event', 'transaction_transaction', 'transaction_account', 'transaction_internal',
  'transaction_partnership', 'transaction_education', 'transaction_rating',
]);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Quota totals the OA started with, so answers can report `total` beside `remain`. */
function totals(oa: OaState) {
  return slice(oa, 'messages', () => ({ paid_cs_total: oa.paid_cs_remaining, transaction_total: oa.transaction_remaining }));
}

/** recipient {user_id} or {message_id} (reply: goes to the user of that message). */
function recipientOf(oa: OaState, body: Obj): Follower {
  const r = obj(body.recipient);
  if (!r) throw invalid('recipient');
  if (r.message_id !== undefined) {
    const m = oa.messages.find((x) => x.message_id === String(r.message_id));
    const f = m && oa.followers.get(m.user_id);
    if (!f) throw invalid('message_id');
    return f;
  }
  const f = r.user_id !== undefined ? oa.followers.get(String(r.user_id)) : undefined;
  if (!f) throw invalid('user_id');
  return f;
}

/** Uploads are kept about 7 days: an attachment_id or file token Zalo no longer has answers -100. */
function requireUpload(oa: OaState, now: number, id: unknown, field: string): void {
  if (!findUpload(oa, String(id), now)) throw new SimError(-100, `${field} was expired`);
}

/** What the message will look like in the conversation, after checking it like Zalo. */
function parseMessage(oa: OaState, now: number, body: Obj): Pick<ChatMessage, 'type' | 'message' | 'url'> & { template_type?: string } {
  const message = obj(body.message);
  if (!message) throw invalid('message');
  const text = message.text;
  if (text !== undefined && (typeof text !== 'string' || codePoints(text) > TEXT_MAX)) throw invalid('text');
  const attachment = obj(message.attachment);
  if (!attachment) {
    if (typeof text !== 'string' || text.trim() === '') throw invalid('text');
    return { type: 'text', message: text };
  }
  const payload = obj(attachment.payload);
  if (!payload) throw invalid('payload');
  if (attachment.type === 'file') {
    if (typeof payload.token !== 'string' || !payload.token) throw invalid('token');
    requireUpload(oa, now, payload.token, 'token');
    return { type: 'file', message: '' };
  }
  if (attachment.type !== 'template') throw invalid('attachment');
  const templateType = String(payload.template_type ?? '');
  const elements = Array.isArray(payload.elements) ? payload.elements.map(obj) : [];
  if (elements.length === 0 || elements.some((e) => !e)) throw invalid('elements');
  const first = elements[0]!;
  if (templateType === 'media') {
    if (!first.url && !first.attachment_id) throw invalid('elements', 'An image needs url or attachment_id.');
    if (!first.url) requireUpload(oa, now, first.attachment_id, 'attachment_id');
    const url = typeof first.url === 'string' ? first.url : `https://sandbox-media.zalo.me/attachments/${String(first.attachment_id)}`;
    return { type: 'image', message: typeof text === 'string' ? text : '', url };
  }
  if (templateType === 'list') {
    if (elements.length > 5 || elements.some((e) => !e!.title)) throw invalid('elements');
    return { type: 'list', message: String(first.title) };
  }
  if (templateType === 'request_user_info') {
    if (elements.length !== 1 || !first.title) throw invalid('elements');
    return { type: 'template', message: String(first.title) };
  }
  if (TRANSACTION_TYPES.has(templateType)) {
    const header = elements.find((e) => e!.type === 'header');
    return { type: 'template', message: String(header?.content ?? templateType), template_type: templateType };
  }
  throw invalid('template_type');
}

function record(oa: OaState, sim: SandboxState, now: number, userId: string, m: ReturnType<typeof parseMessage>, kind: ChatMessage['kind']): string {
  const messageId = nextId(sim);
  oa.messages.unshift({ message_id: messageId, user_id: userId, src: 0, time: now, type: m.type, message: m.message, ...(m.url ? { url: m.url } : {}), kind });
  return messageId;
}

function requireFollower(f: Follower): void {
  if (!f.is_follower) throw new SimError(-213, 'User has not followed OA');
  if (f.restricted) throw new SimError(-244, 'User has restricted receiving this message type from the OA');
}

export const messagesRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/message/cs',
    handle: ({ req, oa, sim, now }) => {
      const f = recipientOf(oa, req.body);
      const m = parseMessage(oa, now, req.body);
      if (m.template_type) throw invalid('template_type', 'Transaction templates go to /v3.0/oa/message/transaction.');
      requireFollower(f);
      const age = now - f.last_interaction_ms;
      if (age > CS_MAX_WINDOW_MS) throw new SimError(-230, 'User has not interacted with the OA in the past 7 days');
      const base = { owner_type: 'OA', owner_id: oa.profile.oa_id };
      let quota: Record<string, unknown>;
      const freeLeft = csFreeLeft(f.cs_used_in_window, now);
      if (age <= CS_FREE_WINDOW_MS && freeLeft > 0) {
        f.cs_used_in_window += 1;
        // Unlimited since 2026-01-01: Zalo no longer counts free replies (no remain/total).
        const count = Number.isFinite(freeLeft) ? { remain: freeLeft - 1, total: CS_FREE_MESSAGES_BEFORE_2026 } : {};
        quota = { quota_type: 'reply', ...count, expired_date: new Date(f.last_interaction_ms + CS_FREE_WINDOW_MS).toISOString(), ...base };
      } else {
        const { paid_cs_total } = totals(oa);
        if (oa.paid_cs_remaining <= 0) throw new SimError(-211, 'Out of quota');
        oa.paid_cs_remaining -= 1;
        quota = { quota_type: 'sub_quota', remain: oa.paid_cs_remaining, total: paid_cs_total, expired_date: new Date(f.last_interaction_ms + CS_MAX_WINDOW_MS).toISOString(), ...base };
      }
      return { message_id: record(oa, sim, now, f.user_id, m, 'cs'), user_id: f.user_id, quota };
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/message/transaction',
    handle: ({ req, oa, sim, now }) => {
      const f = recipientOf(oa, req.body);
      const m = parseMessage(oa, now, req.body);
      if (!m.template_type) throw invalid('template_type', `Use one of ${[...TRANSACTION_TYPES].join(', ')}.`);
      requireFollower(f);
      const { transaction_total } = totals(oa);
      if (oa.transaction_remaining <= 0) throw new SimError(-211, 'Out of quota');
      oa.transaction_remaining -= 1;
      const quota = { quota_type: 'transaction', remain: oa.transaction_remaining, total: transaction_total, owner_type: 'OA', owner_id: oa.profile.oa_id };
      return { message_id: record(oa, sim, now, f.user_id, m, 'transaction'), user_id: f.user_id, quota };
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/group/message',
    handle: ({ req, oa, sim, now }) => {
      const groupId = obj(req.body.recipient)?.group_id;
      const group = groupId !== undefined ? oa.groups.get(String(groupId)) : undefined;
      if (!group) throw invalid('group_id');
      const text = obj(req.body.message)?.text;
      if (typeof text !== 'string' || text.trim() === '' || codePoints(text) > TEXT_MAX) throw invalid('text');
      const messageId = nextId(sim);
      group.messages.unshift({ message_id: messageId, time: now, text });
      return { message_id: messageId, group_id: group.group_id };
    },
  },
];
