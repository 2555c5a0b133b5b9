/**
 * Who a message goes to: exactly one of `user_id`, `reply_to_message_id` (Zalo's recipient
 * {message_id}: a reply reaches the user who wrote that message) or `phone` (resolved to a
 * follower through the profiles). The input schema cannot carry a top-level union, so the
 * "exactly one" rule is checked here, before anything is sent.
 */
import { z } from 'zod';
import type { Recipient, SendResult } from '../../zalo/endpoints/messages.js';
import { ZNS_TEMPLATE_STATUSES } from '../../zalo/endpoints/zns.js';
import { apiErrorFromCode, ZaloApiError, ZaloInputError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import type { ToolContext } from '../define-tool.js';
import { messageId, phone, userId } from '../params.js';

/** The three optional recipient fields every messages_send_* tool (except group) takes. */
export const recipientInput = {
  user_id: userId().optional().describe('Recipient (or reply_to_message_id / phone)'),
  reply_to_message_id: messageId().optional().describe('Reply to this user message'),
  phone: phone().optional().describe("Follower's phone"),
};

/**
 * Cards, stickers and files go to a user_id or phone: replying to a specific message is what
 * messages_send_text is for.
 */
export const userRecipientInput = {
  user_id: userId().optional().describe('Recipient (or phone)'),
  phone: recipientInput.phone,
};

export interface RecipientArgs {
  user_id?: string;
  reply_to_message_id?: string;
  phone?: string;
}

/** The output every send to a user returns. */
export const sendOutput = {
  message_id: z.string(),
  user_id: z.string(),
  sent_at: z.string(),
  /** type: reply (free window), sub_quota (paid). */
  quota: z.object({ type: z.string(), remain: z.number(), total: z.number() }).optional(),
};

/** Codes after which the user is only reached by a template (by user_id, or by phone). */
const WINDOW_CODES = new Set([-213, -230, -232]);

/**
 * Name a few of the OA's approved (ENABLE) templates so the model can go straight to zns_send:
 * one cheap read on a path that already failed; if templates are not readable, point to the list.
 */
async function templateSuggestion(ctx: ToolContext): Promise<string> {
  const page = await ctx.zalo.zns.templates({ offset: 0, limit: 3, status: ZNS_TEMPLATE_STATUSES.enable }).catch(() => undefined);
  if (!page?.data.length) return 'Pick an approved template with zns_list_templates (status enable).';
  const names = page.data.map((t) => `${t.templateId} "${t.templateName}"`).join(', ');
  return `Approved templates: ${names} (zns_get_template shows the parameters; price_uid null means by phone only).`;
}

/** Throws ZaloInputError unless exactly one recipient field is set. Synchronous: call it before any request. */
export function checkRecipient(args: RecipientArgs): void {
  const given = (['user_id', 'reply_to_message_id', 'phone'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    throw new ZaloInputError(
      given.length === 0 ? 'recipient missing: user_id, reply_to_message_id or phone is required' : `recipient ambiguous: ${given.join(' and ')} given together`,
      'Give exactly one of user_id, reply_to_message_id or phone.',
    );
  }
}

/** Zalo's recipient object; a phone is looked up among the followers' shared phones. */
export async function resolveRecipient(args: RecipientArgs, ctx: ToolContext): Promise<{ recipient: Recipient; userId?: string; byPhone: boolean }> {
  checkRecipient(args);
  if (args.user_id !== undefined) return { recipient: { user_id: args.user_id }, userId: args.user_id, byPhone: false };
  if (args.reply_to_message_id !== undefined) return { recipient: { message_id: args.reply_to_message_id }, byPhone: false };
  const phone84 = normalizePhone(args.phone!, 'phone');
  const found = await ctx.zalo.followers.findByPhone(phone84, (scanned, total) => ctx.progress(scanned, total, 'looking for the phone among followers'));
  if (!found) {
    throw new ZaloInputError(
      `phone ${phone84}: no follower of this OA has that phone, so consultation messages cannot reach them`,
      `Send a template to ${phone84} with zns_send (phone) instead. ${await templateSuggestion(ctx)}`,
    );
  }
  return { recipient: { user_id: found }, userId: found, byPhone: true };
}

/**
 * Resolve the recipient, send once (never retried, never repeated) and shape the result. A user
 * outside the consultation window gets the template alternative in the hint: by user_id (usually
 * cheaper), or by phone for a user who unfollowed (-213) and was addressed by phone.
 */
export async function sendToRecipient(
  args: RecipientArgs,
  ctx: ToolContext,
  send: (recipient: Recipient) => Promise<SendResult>,
) {
  const { recipient, userId, byPhone } = await resolveRecipient(args, ctx);
  let result: SendResult;
  try {
    result = await send(recipient);
  } catch (err) {
    // An unfollowed user (-213) is reached only by phone; a closed window by user_id too.
    const reachable = err instanceof ZaloApiError && err.code !== null && WINDOW_CODES.has(err.code) && userId !== undefined && (err.code !== -213 || byPhone);
    if (reachable) {
      const how = err.code === -213 ? `zns_send with phone ${args.phone}` : `zns_send with user_id ${userId}`;
      const hint = `Consultation messages cannot reach this user now: send an approved template (${how}). ${await templateSuggestion(ctx)}`;
      throw apiErrorFromCode(err.code, err.message, { hint, httpStatus: err.httpStatus, endpoint: err.endpoint });
    }
    throw err;
  }
  const q = result.quota;
  return {
    message_id: result.message_id,
    user_id: result.user_id ?? userId ?? '',
    sent_at: new Date(ctx.now()).toISOString(),
    ...(q && q.remain !== undefined ? { quota: { type: q.quota_type ?? 'unknown', remain: q.remain, total: q.total ?? q.remain } } : {}),
  };
}
