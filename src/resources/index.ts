/**
 * Resources: the configured OAs, each OA's profile, a follower's profile, a conversation history
 * and the ZNS templates. Templates list what a client can open and complete their variables.
 * Reads reuse the tools' handlers, so a resource and its tool always show the same thing.
 */
import { z } from 'zod';
import { completeOa, completeUserId } from '../prompts/complete.js';
import type { ServerDeps } from '../server.js';
import { conversationsGetHistory } from '../tools/conversations/get-history.js';
import { conversationsListRecent } from '../tools/conversations/list-recent.js';
import { createToolContext, type AnyTool } from '../tools/define-tool.js';
import { followersGetProfile } from '../tools/followers/get-profile.js';
import { storedHistory } from '../tools/inbox/history.js';
import { oaGetProfile } from '../tools/oa/get-profile.js';
import { oaAlias, ResourceInputError, type ResourceDefinition } from './define-resource.js';
import { znsTemplatesResource } from './zns-templates.js';

/** Run a tool's handler for a resource read, validating the variables with the tool's own schema. */
async function viaTool(deps: ServerDeps, oa: string, tool: AnyTool, args: Record<string, unknown>): Promise<unknown> {
  const alias = oaAlias(deps, oa);
  const parsed = z.object(tool.input).safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResourceInputError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return tool.handler(parsed.data, createToolContext(deps, alias, AbortSignal.timeout(deps.config.timeoutMs * 3)));
}

export function resourceDefinitions(deps: ServerDeps): ResourceDefinition[] {
  const { config } = deps;
  const aliases = config.accounts.map((a) => a.alias);
  const completeAlias = (value: string) => completeOa(config, value);
  const completeUser = (value: string, args: Record<string, string>) => completeUserId(deps, value, args.oa);

  /** Users with a recent conversation, per OA: what a client most likely wants to open. */
  const listPerUser = (path: string, label: string) => async () => {
    const resources = [];
    for (const oa of aliases) {
      try {
        const page = await conversationsListRecent.handler({ offset: 0, count: 10 }, createToolContext(deps, oa, AbortSignal.timeout(config.timeoutMs)));
        for (const u of page.items) resources.push({ uri: `zalo://oa/${oa}/${path}/${u.user_id}`, name: `${label}: ${u.display_name} (${oa})` });
      } catch (e) {
        deps.log.warning(`listing ${path} resources for OA ${oa} failed`, { error: (e as Error).message });
      }
    }
    return resources;
  };

  return [
    {
      name: 'oas',
      title: 'Configured Zalo OAs',
      description: 'Aliases of the configured Official Accounts and which is the default. No secrets.',
      uri: 'zalo://oas',
      read: async () => ({
        default: config.defaultOa,
        sandbox: config.sandbox,
        oas: config.accounts.map((a) => ({ alias: a.alias, app_id: a.appId, default: a.alias === config.defaultOa })),
      }),
    },
    {
      name: 'oa-profile',
      title: 'OA profile',
      description: 'Name, description, verification and follower count of an OA.',
      uri: 'zalo://oa/{oa}/profile',
      list: async () => aliases.map((oa) => ({ uri: `zalo://oa/${oa}/profile`, name: `OA profile (${oa})` })),
      complete: { oa: completeAlias },
      read: (v) => viaTool(deps, v.oa!, oaGetProfile, {}),
    },
    {
      name: 'follower-profile',
      title: 'Follower profile',
      description: 'A follower\'s profile: name, tags, notes and shared info.',
      uri: 'zalo://oa/{oa}/followers/{user_id}',
      list: listPerUser('followers', 'Follower'),
      complete: { oa: completeAlias, user_id: completeUser },
      read: (v) => viaTool(deps, v.oa!, followersGetProfile, { user_id: v.user_id }),
    },
    {
      name: 'conversation-history',
      title: 'Conversation history',
      description: 'The latest messages with a user, newest first (from the local message log when webhooks fill it). Subscribe to hear of new ones.',
      uri: 'zalo://oa/{oa}/conversations/{user_id}',
      list: listPerUser('conversations', 'Conversation'),
      complete: { oa: completeAlias, user_id: completeUser },
      read: async (v) => (await storedHistory(deps, oaAlias(deps, v.oa!), v.user_id!)) ?? viaTool(deps, v.oa!, conversationsGetHistory, { user_id: v.user_id, offset: 0, count: 10 }),
    },
    znsTemplatesResource(deps),
  ];
}
