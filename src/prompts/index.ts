/**
 * Prompts: `support_reply` (answer a follower's latest messages in their language, inside Zalo's
 * message window) and `enrich_follower` (fill in a follower's profile and tags from the chat).
 * They only instruct the model which tools to use and when to stop for confirmation.
 */
import { z } from 'zod';
import type { ServerDeps } from '../server.js';
import { completeOa, completeUserId } from './complete.js';

/**
 * A prompt is data too: its arguments (zod, each described), how to complete them, and the text
 * it renders. `server.ts` registers these; nothing here imports the SDK.
 */
export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  args: z.ZodRawShape;
  complete: Record<string, (value: string, args: Record<string, string>) => string[] | Promise<string[]>>;
  render: (args: Record<string, string | undefined>) => string;
}

function baseArgs(deps: ServerDeps) {
  return {
    user_id: z.string().regex(/^\d{1,25}$/, 'must be a numeric Zalo user_id').describe('Zalo user_id of the follower (digits)'),
    oa: z.string().max(32).optional().describe(`OA alias (default: ${deps.config.defaultOa})`),
  };
}

const oaClause = (oa?: string) => (oa ? ` Pass oa="${oa}" to every tool call.` : '');

/** The text of `support_reply`; exported for tests. */
export function supportReplyText(userId: string, language?: string, oa?: string): string {
  const lang = language ? `Write the reply in ${language}.` : "Write the reply in the language the user writes in (Vietnamese if unsure).";
  return [
    `Help me answer Zalo user ${userId}.${oaClause(oa)}`,
    `1. Call conversations_get_history with user_id ${userId} and read their latest messages (newest first) until you understand what they need.`,
    `2. Call followers_check_status with user_id ${userId}. A consultation reply is free only within 48 hours of the user's last message (then paid, up to 7 days); outside the window do not send a consultation message — tell me the option instead: an approved template sent to the user_id with zns_send (zns_list_templates and zns_get_template show which templates fit and their price).`,
    `3. ${lang} Keep it short, polite and specific to their last messages; no promises you cannot check with the tools.`,
    `4. Show me the draft and wait for my explicit confirmation. Only then send it with messages_send_text (user_id ${userId}, text ≤ 2000 characters), and report the message_id.`,
  ].join('\n');
}

/** The text of `enrich_follower`; exported for tests. */
export function enrichFollowerText(userId: string, oa?: string): string {
  return [
    `Enrich the profile of Zalo follower ${userId}.${oaClause(oa)}`,
    `1. Read their profile with followers_get_profile and their chat with conversations_get_history (user_id ${userId}).`,
    '2. From what they wrote themselves, propose: full name, phone (Vietnamese number), city, and a few short tags (e.g. interests, customer stage). Quote the message each value comes from; leave out anything you are not sure of.',
    '3. Show me the proposal as a table (field, current value, proposed value, source) and wait for my confirmation or edits.',
    `4. After I confirm, apply it: followers_update_info for name/phone/city (only the fields that change), then tags_add_follower once per new tag. Report what followers_update_info says was not applied.`,
  ].join('\n');
}

export function promptDefinitions(deps: ServerDeps): PromptDefinition[] {
  const complete = {
    user_id: (value: string, args: Record<string, string>) => completeUserId(deps, value, args.oa),
    oa: (value: string) => completeOa(deps.config, value),
  };
  return [
    {
      name: 'support_reply',
      title: 'Draft a support reply',
      description: "Draft a reply to a follower's latest messages in their language, respecting Zalo's message window; sends only after you confirm.",
      args: { ...baseArgs(deps), language: z.string().max(40).optional().describe('Reply language, e.g. Vietnamese or English (default: the user\'s)') },
      complete,
      render: (a) => supportReplyText(a.user_id!, a.language, a.oa),
    },
    {
      name: 'enrich_follower',
      title: 'Enrich a follower profile',
      description: 'Read a follower\'s chat and profile, propose name, phone, city and tags, then apply them with followers_update_info and tags_add_follower after you confirm.',
      args: baseArgs(deps),
      complete,
      render: (a) => enrichFollowerText(a.user_id!, a.oa),
    },
  ];
}
