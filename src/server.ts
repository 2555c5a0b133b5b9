/**
 * createServer(): one McpServer with the selected tools, the resources and the prompts, all over
 * one shared ZaloClient. Every tool goes through the same wrapper: typed args in, structured
 * result or an actionable isError text out; it never throws.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type LoggingLevel, type RequestId, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { accountFor, ConfigError, type Config } from './config.js';
import type { Logger } from './log.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import { createToolContext, toErrorResult, toToolResult, type ToolDefinition } from './tools/define-tool.js';
import { serveToolList, toolListEntry } from './tools/list-tools.js';
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
  return z.enum(aliases).optional().describe('OA alias');
}

/**
 * Which server (HTTP session) the code running now works for, and the JSON-RPC request it
 * answers. The HTTP transport sets it around each request so log lines reach only that session.
 */
export interface RequestScope {
  session: string;
  requestId?: RequestId;
}
export const requestScope = new AsyncLocalStorage<RequestScope>();

export interface CreateServerOptions {
  /** HTTP: forward only log lines emitted inside this session's requests. stdio: omit (forward all). */
  session?: string;
}

export function createServer(deps: ServerDeps, options: CreateServerOptions = {}): McpServer {
  const { config, log } = deps;
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'Zalo Official Account' },
    {
      capabilities: { logging: {} },
      instructions:
        `Tools act on a Zalo Official Account; the optional \`oa\` argument picks one (default: ${config.defaultOa}). Before messaging someone, followers_check_status tells whether and how they can be reached. Consultation replies are free for 48 h after the user's last message; later, use a transaction message or ZNS.`,
    },
  );
  serveToolList(server, selectTools(config).map((tool) => registerTool(server, tool, deps)));
  registerResources(server, deps);
  registerPrompts(server, deps);
  forwardLogs(server, log, options.session);
  return server;
}

const MCP_LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/**
 * Log lines (already redacted by the Logger) become `notifications/message` at or above the level
 * the client chose with logging/setLevel (default: info, so debug lines need an explicit opt-in).
 */
function forwardLogs(server: McpServer, log: Logger, session?: string): void {
  let min = MCP_LEVELS.indexOf('info');
  server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    min = MCP_LEVELS.indexOf(request.params.level);
    return {};
  });
  const remove = log.addSink((level, message, data) => {
    const scope = requestScope.getStore();
    if (session !== undefined && scope?.session !== session) return;
    // Nothing before the client's initialize: it could not know our capabilities yet.
    if (MCP_LEVELS.indexOf(level) < min || !server.isConnected() || !server.server.getClientVersion()) return;
    const params = { level, logger: SERVER_NAME, data: data ? { message, ...withoutStacks(data) } : message };
    const related = session !== undefined && scope?.requestId !== undefined ? { relatedRequestId: scope.requestId } : undefined;
    // A closed stream or session must never turn a log line into a failure.
    server.server.notification({ method: 'notifications/message', params }, related).catch(() => undefined);
  });
  const previous = server.server.onclose;
  server.server.onclose = () => {
    remove();
    previous?.();
  };
}

/** Stack traces stay in the server's stderr; the client (maybe remote, over HTTP) gets their first line. */
function withoutStacks(data: Record<string, unknown>): Record<string, unknown> {
  const cut = (v: unknown) => (typeof v === 'string' && /\n\s+at /.test(v) ? v.slice(0, v.indexOf('\n')) : v);
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, cut(v)]));
}

/** Register one tool through the shared wrapper; returns its tools/list entry. */
function registerTool(server: McpServer, tool: ToolDefinition, deps: ServerDeps): Tool {
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
      annotations: tool.annotations,
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
  return toolListEntry(tool, input, !dryRunWrite);
}
