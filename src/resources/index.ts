/**
 * Resources: the configured OAs, each OA's profile, a follower's profile and a conversation
 * history. Templates list what a client can open and complete their variables. Reads reuse the
 * tools' handlers, so a resource and its tool always show the same thing.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { accountFor } from '../config.js';
import { completeOa, completeUserId } from '../prompts/complete.js';
import type { ServerDeps } from '../server.js';
import { createToolContext, type ToolDefinition } from '../tools/define-tool.js';
import { conversationsGetHistory } from '../tools/conversations/get-history.js';
import { conversationsListRecent } from '../tools/conversations/list-recent.js';
import { followersGetProfile } from '../tools/followers/get-profile.js';
import { oaGetProfile } from '../tools/oa/get-profile.js';
import { ZaloError } from '../zalo/errors.js';
import { registerZnsTemplatesResource } from './zns-templates.js';

const JSON_TYPE = 'application/json';

export function registerResources(server: McpServer, deps: ServerDeps): void {
  const { config } = deps;
  const aliases = config.accounts.map((a) => a.alias);
  const completeAlias = (value: string) => completeOa(config, value);

  /** Run a tool's handler for a resource read; Zalo errors become MCP errors with the hint. */
  const read = async (uri: URL, oa: string, tool: ToolDefinition, args: Record<string, unknown>) => {
    try {
      const alias = accountFor(config, oa).alias;
      const parsed = z.object(tool.input).safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new McpError(ErrorCode.InvalidParams, `${issue.path.join('.')}: ${issue.message}`);
      }
      const data = await tool.handler(parsed.data, createToolContext(deps, alias, AbortSignal.timeout(config.timeoutMs * 3)));
      return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(data, null, 2) }] };
    } catch (e) {
      if (e instanceof McpError) throw e;
      if (e instanceof ZaloError) throw new McpError(e.kind === 'input' || e.code === -201 ? ErrorCode.InvalidParams : ErrorCode.InternalError, `${e.message}. ${e.hint}`);
      throw new McpError(ErrorCode.InvalidParams, (e as Error).message);
    }
  };

  /** Users with a recent conversation, per OA: what a client most likely wants to open. */
  const recentUsers = async (oa: string): Promise<Array<{ user_id: string; display_name: string }>> => {
    const page = (await conversationsListRecent.handler({ offset: 0, count: 10 }, createToolContext(deps, oa, AbortSignal.timeout(config.timeoutMs)))) as {
      items: Array<{ user_id: string; display_name: string }>;
    };
    return page.items;
  };
  const completeUser = (value: string, context?: { arguments?: Record<string, string> }) => completeUserId(deps, value, context?.arguments?.oa);
  const listPerUser = (path: string, label: string) => async () => {
    const resources = [];
    for (const oa of aliases) {
      try {
        for (const u of await recentUsers(oa)) {
          resources.push({ uri: `zalo://oa/${oa}/${path}/${u.user_id}`, name: `${label}: ${u.display_name} (${oa})`, mimeType: JSON_TYPE });
        }
      } catch (e) {
        deps.log.warning(`listing ${path} resources for OA ${oa} failed`, { error: (e as Error).message });
      }
    }
    return { resources };
  };

  server.registerResource(
    'oas',
    'zalo://oas',
    { title: 'Configured Zalo OAs', description: 'Aliases of the configured Official Accounts and which is the default. No secrets.', mimeType: JSON_TYPE },
    (uri) => ({
      contents: [{
        uri: uri.href,
        mimeType: JSON_TYPE,
        text: JSON.stringify({ default: config.defaultOa, sandbox: config.sandbox, oas: config.accounts.map((a) => ({ alias: a.alias, app_id: a.appId, default: a.alias === config.defaultOa })) }, null, 2),
      }],
    }),
  );

  server.registerResource(
    'oa-profile',
    new ResourceTemplate('zalo://oa/{oa}/profile', {
      list: () => ({ resources: aliases.map((oa) => ({ uri: `zalo://oa/${oa}/profile`, name: `OA profile (${oa})`, mimeType: JSON_TYPE })) }),
      complete: { oa: completeAlias },
    }),
    { title: 'OA profile', description: 'Name, description, verification and follower count of an OA.', mimeType: JSON_TYPE },
    (uri, vars) => read(uri, String(vars.oa), oaGetProfile, {}),
  );

  server.registerResource(
    'follower-profile',
    new ResourceTemplate('zalo://oa/{oa}/followers/{user_id}', {
      list: listPerUser('followers', 'Follower'),
      complete: { oa: completeAlias, user_id: completeUser },
    }),
    { title: 'Follower profile', description: 'A follower\'s profile: name, tags, notes and shared info.', mimeType: JSON_TYPE },
    (uri, vars) => read(uri, String(vars.oa), followersGetProfile, { user_id: String(vars.user_id) }),
  );

  server.registerResource(
    'conversation-history',
    new ResourceTemplate('zalo://oa/{oa}/conversations/{user_id}', {
      list: listPerUser('conversations', 'Conversation'),
      complete: { oa: completeAlias, user_id: completeUser },
    }),
    { title: 'Conversation history', description: 'The latest messages with a user, newest first.', mimeType: JSON_TYPE },
    (uri, vars) => read(uri, String(vars.oa), conversationsGetHistory, { user_id: String(vars.user_id), offset: 0, count: 10 }),
  );
  registerZnsTemplatesResource(server, deps);
}
