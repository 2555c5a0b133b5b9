/**
 * createServer(): one McpServer with the selected tools, the resources and the prompts, all over
 * one shared ZaloClient. Every tool goes through the same wrapper: typed args in, structured
 * result or an actionable isError text out; it never throws.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { accountFor, ConfigError, type Config } from './config.js';
import type { Logger } from './log.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import { createToolContext, toErrorResult, toToolResult, type ToolDefinition } from './tools/define-tool.js';
import { selectTools } from './tools/registry.js';
import type { ZaloClient } from './zalo/client.js';
import { ZaloInputError } from './zalo/errors.js';

export const SERVER_NAME = 'zalo-oa-mcp';
export const SERVER_VERSION = '0.1.0';

export interface ServerDeps {
  config: Config;
  client: ZaloClient;
  log: Logger;
  now?: () => number;
}

/** The `oa` argument every tool takes: an enum of the configured aliases. */
export function oaParam(config: Config) {
  const aliases = config.accounts.map((a) => a.alias) as [string, ...string[]];
  return z.enum(aliases).optional().describe(`OA alias (default: ${config.defaultOa})`);
}

export function createServer(deps: ServerDeps): McpServer {
  const { config, log } = deps;
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'Zalo Official Account' },
    {
      capabilities: { logging: {} },
      instructions:
        'Tools act on a Zalo Official Account. Before messaging someone, followers_check_status tells whether and how they can be reached. Consultation replies are free for 48 h after the user\'s last message; later, use a transaction message or ZNS.',
    },
  );
  for (const tool of selectTools(config)) registerTool(server, tool, deps);
  registerResources(server, deps);
  registerPrompts(server, deps);
  return server;
}

function registerTool(server: McpServer, tool: ToolDefinition, deps: ServerDeps): void {
  const { config, log } = deps;
  const input = z.object({ ...tool.input, oa: oaParam(config) }).strict();
  // In dry-run mode a write returns the request it would send, not the tool's normal output.
  const dryRunWrite = config.dryRun && !tool.annotations.readOnlyHint;
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: input,
      ...(dryRunWrite ? {} : { outputSchema: z.object(tool.output) }),
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args: Record<string, unknown>, extra) => {
      const { oa, ...rest } = args as { oa?: string } & Record<string, unknown>;
      try {
        const alias = accountFor(config, oa).alias;
        const progressToken = extra._meta?.progressToken;
        const ctx = createToolContext(deps, alias, extra.signal, async (progress, total, message) => {
          if (progressToken === undefined) return;
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
        });
        log.debug(`tool ${tool.name}`, { oa: alias, args: rest });
        return toToolResult(await tool.handler(rest, ctx));
      } catch (err) {
        const e = err instanceof ConfigError ? new ZaloInputError(err.message, 'Pick one of the configured OA aliases.') : err;
        return toErrorResult(tool.title, e, log, tool.name);
      }
    },
  );
}
