/**
 * Message sends of the simulator: consultation (/v3.0/oa/message/cs) and group
 * (/v3.0/oa/group/message), enforcing Zalo's rules on the follower state; reactions and article
 * broadcasts on /v2.0/oa/message (react-broadcast.ts). Sent messages land in oa.messages (newest
 * first), so the conversation reads show them.
 *
 * UID transaction and promotion messages stopped on 2026-03-01 [C Q§1.2]: their endpoints answer
 * -233 ("message type not supported", class fix-input in the OA table) and deliver nothing. -240 is
 * the code of the dead v2 message API; these paths are v3, so -233 is the nearer meaning.
 */
import { codePoints, csFreeLeft, CS_FREE_MESSAGES_BEFORE_2026, CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS, TEXT_MAX } from '../rules.js';
import { invalid, SimError, type Route } from '../router.js';
import { findUpload } from './media.js';
import { messageV2Routes } from './message-v2.js';
import { nextId, slice, type ChatMessage, type Follower, type OaState, type SandboxState } from '../state.js';

export const RETIRED_CODE = -233;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Quota totals the OA started with, so answers can report `total` beside `remain`. */
function totals(oa: OaState) {
  return slice(oa, 'messages', () => ({ paid_cs_total: oa.paid_cs_remaining }));
}

/** recipient {user_id} or {message_id} (reply: goes to the user of that message). */
export function recipientOf(oa: OaState, body: Obj): Follower {
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
function parseMessage(oa: OaState, now: number, body: Obj): Pick<ChatMessage, 'type' | 'message' | 'url'> {
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
  if (templateType === 'media') return parseMedia(oa, now, first, typeof text === 'string' ? text : '');
  if (templateType === 'request_user_info') {
    if (elements.length !== 1 || !first.title) throw invalid('elements');
    return { type: 'template', message: String(first.title) };
  }
  // The list template and the transaction_* / promotion templates are not on the v3 message API.
  throw invalid('template_type');
}

/**
 * One media element [C]: image (url or attachment_id), gif (the same plus width and height), or
 * sticker (attachment_id). A GIF upload sent as media_type "image" is refused: Zalo needs its size.
 */
function parseMedia(oa: OaState, now: number, e: Obj, text: string): Pick<ChatMessage, 'type' | 'message' | 'url'> {
  if (e.media_type === 'sticker') {
    if (typeof e.attachment_id !== 'string' || !e.attachment_id) throw invalid('attachment_id', 'A sticker needs its attachment_id.');
    return { type: 'sticker', message: '', url: `https://sandbox-media.zalo.me/stickers/${e.attachment_id}` };
  }
  if (e.media_type !== 'image' && e.media_type !== 'gif') throw invalid('media_type');
  if (!e.url && !e.attachment_id) throw invalid('elements', 'An image needs url or attachment_id.');
  if (e.media_type === 'gif') {
    for (const side of ['width', 'height'] as const) {
      if (typeof e[side] !== 'number' || !Number.isInteger(e[side]) || (e[side] as number) < 1) throw invalid(side, 'A GIF element needs width and height in pixels.');
    }
  }
  if (!e.url) {
    const upload = findUpload(oa, String(e.attachment_id), now);
    if (!upload) throw new SimError(-100, 'attachment_id was expired');
    if (upload.kind === 'gif' && e.media_type !== 'gif') throw invalid('media_type', 'The attachment is a GIF: send media_type gif with width and height.');
  }
  const url = typeof e.url === 'string' ? e.url : `https://sandbox-media.zalo.me/attachments/${String(e.attachment_id)}`;
  return { type: 'image', message: text, url };
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
  ...messageV2Routes,
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/message/cs',
    handle: ({ req, oa, sim, now }) => {
      const f = recipientOf(oa, req.body);
      const m = parseMessage(oa, now, req.body);
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
  ...(['transaction', 'promotion'] as const).map((kind): Route => ({
    family: 'openapi',
    method: 'POST',
    path: `/v3.0/oa/message/${kind}`,
    handle: () => {
      throw new SimError(RETIRED_CODE, `Message type ${kind} is no longer supported: UID ${kind} messages stopped on 2026-03-01; send a template by user_id (/v3.0/oa/message/template)`);
    },
  })),
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
