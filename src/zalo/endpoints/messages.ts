/**
 * Message sends (v3): consultation `/v3.0/oa/message/cs`, transaction `/v3.0/oa/message/transaction`
 * and group `/v3.0/oa/group/message` [C]. All are writes: the client never retries them.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';

/** `{user_id}` for a new message, `{message_id}` to reply to a user's message [C]. */
export type Recipient = { user_id: string } | { message_id: string };

export interface Button {
  title: string;
  type: 'oa.open.url' | 'oa.query.show' | 'oa.query.hide' | 'oa.open.sms' | 'oa.open.phone';
  payload: unknown;
}

/** The `message` object of a v3 send: text, or an attachment (template / file) [C]. */
export interface OutgoingMessage {
  text?: string;
  quote_message_id?: string;
  attachment?:
    | { type: 'template'; payload: { template_type: string; language?: string; elements: unknown[]; buttons?: Button[] } }
    | { type: 'file'; payload: { token: string } };
}

/** data of a successful send [C]: quota only for consultation/transaction sends. */
export const sendResultSchema = z.looseObject({
  message_id: z.coerce.string(),
  user_id: z.coerce.string().optional(),
  quota: z
    .looseObject({
      quota_type: z.string().optional(),
      remain: z.coerce.number().optional(),
      total: z.coerce.number().optional(),
    })
    .nullish(),
});

export type SendResult = z.infer<typeof sendResultSchema>;

export function messagesEndpoints(request: OaRequest) {
  return {
    /** Consultation message (free inside Zalo's 48 h window, paid quota up to 7 days). */
    sendCs: (recipient: Recipient, message: OutgoingMessage) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/cs', body: { recipient, message }, schema: sendResultSchema }),
    /** Transaction message (template_type transaction_*), against the OA's transaction quota. */
    sendTransaction: (recipient: Recipient, message: OutgoingMessage) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/transaction', body: { recipient, message }, schema: sendResultSchema }),
    /** Text to a group chat (GMF) the OA belongs to. */
    sendGroup: (groupId: string, message: OutgoingMessage) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/group/message', body: { recipient: { group_id: groupId }, message }, schema: sendResultSchema }),
  };
}
