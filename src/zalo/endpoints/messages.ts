/**
 * Message sends: consultation `/v3.0/oa/message/cs` and group `/v3.0/oa/group/message` [C]; the
 * v2.0 `/v2.0/oa/message` path that Zalo still uses for reactions and article broadcasts [C J-T, N].
 * The UID transaction and promotion endpoints stopped on 2026-03-01: templates by user_id
 * (zns.ts, `/v3.0/oa/message/template`) replace them. All are writes: the client never retries them.
 */
import { z } from 'zod';
import type { OaRequest } from './request.js';

/** `{user_id}` for a new message, `{message_id}` to reply to a user's message [C]. */
export type Recipient = { user_id: string } | { message_id: string };

/** The `message` object of a v3 send: text, or an attachment (template / file) [C]. */
export interface OutgoingMessage {
  text?: string;
  quote_message_id?: string;
  attachment?:
    | { type: 'template'; payload: { template_type: string; elements: unknown[] } }
    | { type: 'file'; payload: { token: string } };
}

/** data of a successful send [C]: quota only for consultation sends. */
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

/**
 * Reaction icons [C .NET ReactIcon.cs]; `/-remove` takes the OA's reaction back. `--b` is written
 * with two hyphens here; ReactIcon.cs has an en-dash in it, which the simulator also accepts.
 */
export const REACT_ICONS = [':>', '--b', ':-((', '/-strong', '/-heart', ':-h', ':o', '/-remove'] as const;
export type ReactIcon = (typeof REACT_ICONS)[number];

/**
 * Broadcast audience (`recipient.target`) [C J-T, N-E]: ages 0-7, gender 0 all / 1 male / 2 female,
 * cities 0-63, platform 1 iOS / 2 Android / 3 Windows Phone. The value format is [X]: the Java
 * SDK sends one scalar per key, the .NET SDK comma-separated strings (and the key `platforms`), a
 * docs-derived spec arrays. We send comma-separated strings under `platform` (several values per
 * key, the key both the Java SDK and the spec use).
 */
export interface BroadcastTarget {
  ages?: string;
  gender?: string;
  cities?: string;
  platform?: string;
}

/** A reaction's answer carries at most a message_id [C J-T shows none]: anything is accepted. */
const reactResultSchema = z.looseObject({ message_id: z.coerce.string().optional() }).nullish();

export function messagesEndpoints(request: OaRequest) {
  return {
    /** Consultation message (free inside Zalo's 48 h window, paid up to 7 days). */
    sendCs: (recipient: Recipient, message: OutgoingMessage) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/message/cs', body: { recipient, message }, schema: sendResultSchema }),
    /** Text to a group chat (GMF) the OA belongs to. */
    sendGroup: (groupId: string, message: OutgoingMessage) =>
      request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/group/message', body: { recipient: { group_id: groupId }, message }, schema: sendResultSchema }),
    /**
     * React to a user's message. The key placement is [X]: the Java SDK sends `sender_action`
     * beside `recipient` [C J-T], the .NET SDK nests the same keys in `message`; we send the Java
     * form. No quota is used [D].
     */
    react: (userId: string, messageId: string, icon: ReactIcon) =>
      request({
        api: 'openapi', method: 'POST', path: '/v2.0/oa/message', schema: reactResultSchema,
        body: { recipient: { user_id: userId }, sender_action: { react_icon: icon, react_message_id: messageId } },
      }),
    /** Send a published article to every follower matching `target` [C J-T]. */
    broadcastArticle: (target: BroadcastTarget, articleId: string) =>
      request({
        api: 'openapi', method: 'POST', path: '/v2.0/oa/message', schema: sendResultSchema,
        body: {
          recipient: { target },
          message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: articleId }] } } },
        },
      }),
  };
}
