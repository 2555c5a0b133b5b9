/**
 * createServer(): one McpServer with the selected tools, the resources and the prompts, all over
 * one shared ZaloClient. Every tool goes through the same wrapper: typed args in, structured
 * result or an actionable isError text out; it never throws.
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import {
  CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, SetLevelRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema, type CallToolResult, type LoggingLevel, type ReadResourceResult, type RequestId, type ServerNotification, type ServerRequest, type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { z } from 'zod';
import { accountFor, ConfigError, type Config } from './config.js';
import type { Logger } from './log.js';
import { promptDefinitions, type PromptDefinition } from './prompts/index.js';
import { ResourceInputError, type ResourceDefinition } from './resources/define-resource.js';
import { resourceDefinitions } from './resources/index.js';
import { createToolContext, invalidInput, toDryRunResult, toErrorResult, toToolResult, type AnyTool } from './tools/define-tool.js';
import { toolListEntry } from './tools/slim-schema.js';
import { hintTools, renderHint, type HintTools } from './tools/hints.js';
import { ALL_TOOLS, selectTools } from './tools/registry.js';
import { StdioTransport } from './stdio-transport.js';
import { VERSION } from './version.js';
import { DryRunStop, type ZaloClient } from './zalo/client.js';
import { storeEvents } from './store/index.js';
import type { ZaloCaches } from './zalo/endpoints/index.js';
import { ZaloError, ZaloInputError } from './zalo/errors.js';

export const SERVER_NAME = 'zalo-oa-mcp';
export const SERVER_VERSION = VERSION;

export interface ServerDeps {
  config: Config;
  client: ZaloClient;
  log: Logger;
  now?: () => number;
  /** Shared across calls and sessions; without them each call starts cold. */
  caches?: ZaloCaches;
}

/** The `oa` argument every tool takes: an enum of the configured aliases. */
export function oaParam(config: Config) {
  const aliases = config.accounts.map((a) => a.alias) as [string, ...string[]];
  return z.enum(aliases).optional().describe('OA alias');
}

export interface CreateServerOptions {
  /** HTTP: forward only log lines emitted inside this session's requests. stdio: omit (forward all). */
  session?: string;
  /** HTTP: where to attach the log forwarder instead of the logger (one shared router, O(1) per line). */
  addLogSink?: Logger['addSink'];
}

/**
 * HTTP builds a server per session, and per request when stateless, so what does not depend on
 * the session is built once: the JSON Schema validator (only elicitation would use it; the SDK
 * makes a new Ajv per server otherwise) and the resource and prompt definitions.
 */
let sharedValidator: AjvJsonSchemaValidator | undefined;
const definitions = new WeakMap<ServerDeps, { resources: ResourceDefinition[]; prompts: PromptDefinition[] }>();

function definitionsFor(deps: ServerDeps) {
  let d = definitions.get(deps);
  if (!d) definitions.set(deps, (d = { resources: resourceDefinitions(deps), prompts: promptDefinitions(deps) }));
  return d;
}

export function createServer(deps: ServerDeps, options: CreateServerOptions = {}): McpServer {
  const { config, log } = deps;
  const selected = selectTools(config);
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'Zalo Official Account' },
    {
      capabilities: { logging: {}, resources: { subscribe: true } },
      jsonSchemaValidator: (sharedValidator ??= new AjvJsonSchemaValidator()),
      instructions: serverInstructions(config, selected.map((t) => t.name)),
    },
  );
  const hints = hintTools(ALL_TOOLS, selected, config);
  const calls = new Map<string, ToolCall>();
  const tools = selected.map((tool) => registerTool(tool, deps, hints, calls, options.session));
  // tools/list and tools/call are ours, not McpServer's: the list is served from the lean entries
  // prepared once (see toolListEntry), and calls go straight to the wrapper (callTool). The list
  // never changes while a server runs, so no listChanged.
  server.server.registerCapabilities({ tools: {} });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.server.setRequestHandler(CallToolRequestSchema, (request, extra) => callTool(calls, request.params, extra));
  const { resources, prompts } = definitionsFor(deps);
  for (const resource of resources) registerResource(server, resource, log, hints, options.session);
  for (const prompt of prompts) registerPrompt(server, prompt);
  forwardLogs(server, options.addLogSink ?? log.addSink, options.session);
  notifyConversations(server, config, log);
  return server;
}

/**
 * resources/subscribe for conversation histories: when a message with that user reaches the store
 * (webhook, or a send from any session), `notifications/resources/updated` tells the subscriber.
 * With PostgreSQL the first subscription opens the process's listener for other replicas' changes.
 */
function notifyConversations(server: McpServer, config: Config, log: Logger): void {
  const subscribed = new Set<string>();
  server.server.setRequestHandler(SubscribeRequestSchema, async (r) => {
    subscribed.add(r.params.uri);
    // Answered once LISTEN is in place (bounded: a database that is down must not hold it up).
    if (config.databaseUrl) await (await import('./store/pg-notify.js')).listenForChanges(config, storeEvents(config), log).ready(3_000);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (r) => (subscribed.delete(r.params.uri), {}));
  const onMessage = (e: { oa: string; userId: string }) => {
    const uri = `zalo://oa/${e.oa}/conversations/${e.userId}`;
    if (subscribed.has(uri) && server.isConnected()) server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  };
  const events = storeEvents(config);
  events.on('message', onMessage);
  const previous = server.server.onclose;
  server.server.onclose = () => {
    events.off('message', onMessage);
    previous?.();
  };
}

/** What every session is told up front; it names only tools this selection has. */
export function serverInstructions(config: Config, tools: string[]): string {
  const has = (name: string) => tools.includes(name);
  const multi = config.accounts.length > 1 ? `; the optional \`oa\` argument picks one (default: ${config.defaultOa})` : '';
  return [
    `Tools act on a Zalo Official Account${multi}.`,
    has('followers_check_status') ? 'Before messaging someone, followers_check_status tells whether and how they can be reached.' : '',
    `Consultation replies are free for 48 h after the user's last message and paid up to 7 days; after that, send an approved template by user_id${has('zns_send') ? ' (zns_send)' : ' (the zns toolset)'}.`,
  ].filter(Boolean).join(' ');
}

const MCP_LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/**
 * Log lines (already redacted by the Logger) become `notifications/message` at or above the level
 * the client chose with logging/setLevel (default: info, so debug lines need an explicit opt-in).
 */
function forwardLogs(server: McpServer, addSink: Logger['addSink'], session?: string): void {
  let min = MCP_LEVELS.indexOf('info');
  server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    min = MCP_LEVELS.indexOf(request.params.level);
    return {};
  });
  // Nothing below the client's level, and nothing before its initialize (it could not know our
  // capabilities yet). Given to the logger too, so lines nobody takes are not even formatted.
  const wants = (level: LoggingLevel) => MCP_LEVELS.indexOf(level) >= min && server.isConnected() && server.server.getClientVersion() !== undefined;
  const remove = addSink((level, message, data, scope) => {
    if ((session !== undefined && scope?.session !== session) || !wants(level)) return;
    const params = { level, logger: SERVER_NAME, data: data ? { message, ...withoutStacks(data) } : message };
    const related = session !== undefined && scope?.requestId !== undefined ? { relatedRequestId: scope.requestId } : undefined;
    // A closed stream or session must never turn a log line into a failure.
    server.server.notification({ method: 'notifications/message', params }, related).catch(() => undefined);
  }, wants);
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

type CallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;
export interface ToolCall {
  run: (raw: Record<string, unknown>, extra: CallExtra) => Promise<CallToolResult>;
  output?: z.ZodObject;
}

const errorText = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

/**
 * tools/call, dispatched here rather than by McpServer, which would parse the arguments with a
 * schema that takes anything (the wrapper checks them with the strict one) and check the result
 * with two async zod passes and three more awaits a call (issue 14: per-call CPU). What it
 * answered stays: an unknown tool, or a result that does not fit the advertised output schema,
 * is an isError result with the same text.
 */
export async function callTool(calls: Map<string, ToolCall>, params: { name: string; arguments?: Record<string, unknown> }, extra: CallExtra): Promise<CallToolResult> {
  const tool = calls.get(params.name);
  if (!tool) return errorText(`Tool ${params.name} not found`);
  try {
    const result = await tool.run(params.arguments ?? {}, extra);
    if (!tool.output || result.isError) return result;
    if (!result.structuredContent) return errorText(`Output validation error: Tool ${params.name} has an output schema but no structured content was provided`);
    const checked = tool.output.safeParse(result.structuredContent);
    if (!checked.success) return errorText(`Output validation error: Invalid structured content for tool ${params.name}: ${z.prettifyError(checked.error)}`);
    return result;
  } catch (e) {
    return errorText(e instanceof Error ? e.message : String(e));
  }
}

/** Put one tool's shared wrapper into `calls`; returns its tools/list entry. */
function registerTool(tool: AnyTool, deps: ServerDeps, hints: HintTools, calls: Map<string, ToolCall>, session?: string): Tool {
  const { config } = deps;
  const { input, output, entry } = prepared(tool, config);
  const run: ToolCall['run'] = async (raw, extra) => {
    // HTTP: the call's log lines (and its Zalo requests') reach this session, on this request's stream.
    const log = session === undefined ? deps.log : deps.log.forRequest({ session, requestId: extra.requestId });
    const reserved = reservedKey(raw);
    if (reserved) return toErrorResult(tool.title, reserved, log, tool.name);
    const args = input.safeParse(raw);
    if (!args.success) return toErrorResult(tool.title, invalidInput(args.error), log, tool.name, hints);
    const { oa, ...rest } = args.data as { oa?: string } & Record<string, unknown>;
    try {
      const alias = accountFor(config, oa).alias;
      const progressToken = extra._meta?.progressToken;
      const ctx = createToolContext(session === undefined ? deps : { ...deps, log }, alias, extra.signal, async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
      });
      ctx.hints = hints;
      log.debug(`tool ${tool.name}`, { oa: alias, args: rest });
      return toToolResult(await tool.handler(rest, ctx));
    } catch (err) {
      if (err instanceof DryRunStop) return toDryRunResult(err);
      const e = err instanceof ConfigError ? new ZaloInputError(err.message, 'Pick one of the configured OA aliases.') : err;
      return toErrorResult(tool.title, e, log, tool.name, hints);
    }
  };
  calls.set(tool.name, { run, ...(output ? { output } : {}) });
  return entry;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse makes `__proto__` an own key; copied into a record (template_data) it would set the
 * copy's prototype. No Zalo field has these names, so they are refused anywhere in the arguments.
 */
function reservedKey(value: unknown, path: string[] = [], depth = 0): ZaloInputError | undefined {
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  // The SDK's own parse of `arguments` already turned a top-level `__proto__` into a prototype.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    return new ZaloInputError(`invalid input (${[...path, '__proto__'].join('.')}: the key "__proto__" is not allowed)`, 'Nothing was sent: remove that key and call again.');
  }
  for (const key of Object.keys(value)) {
    const where = [...path, key];
    if (RESERVED_KEYS.has(key)) return new ZaloInputError(`invalid input (${where.join('.')}: the key "${key}" is not allowed)`, 'Nothing was sent: remove that key and call again.');
    const inner = reservedKey((value as Record<string, unknown>)[key], where, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A tool's strict input schema and tools/list entry depend only on the tool and the configuration,
 * so they are built once and shared by every server: HTTP creates one per session, and one per
 * request in stateless mode, where rebuilding every JSON Schema would cost ~10 ms a call.
 */
const preparedTools = new WeakMap<Config, Map<string, { input: z.ZodObject; output?: z.ZodObject; entry: Tool }>>();

function prepared(tool: AnyTool, config: Config) {
  let byName = preparedTools.get(config);
  if (!byName) preparedTools.set(config, (byName = new Map()));
  let p = byName.get(tool.name);
  if (!p) {
    const input = z.object({ ...tool.input, oa: oaParam(config) }).strict();
    // With one OA there is nothing to choose: `oa` is still accepted but not advertised.
    const advertised = config.accounts.length > 1 ? input : z.object(tool.input).strict();
    // In dry-run mode a write returns the request it would send, not the tool's normal output.
    const dryRunWrite = config.dryRun && !tool.annotations.readOnlyHint;
    p = { input, ...(dryRunWrite ? {} : { output: z.object(tool.output) }), entry: toolListEntry(tool, advertised, !dryRunWrite) };
    byName.set(tool.name, p);
  }
  return p;
}

const JSON_TYPE = 'application/json';

/** A resource definition as an MCP resource (or template); failures become MCP errors with Zalo's hint. */
function registerResource(server: McpServer, def: ResourceDefinition, globalLog: Logger, hints: HintTools, session?: string): void {
  const read = async (uri: URL, vars: Record<string, string | string[]>, extra: { requestId: RequestId }): Promise<ReadResourceResult> => {
    const log = session === undefined ? globalLog : globalLog.forRequest({ session, requestId: extra.requestId });
    const flat = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    try {
      return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(await def.read(flat)) }] };
    } catch (e) {
      if (e instanceof ResourceInputError) throw new McpError(ErrorCode.InvalidParams, e.message);
      if (e instanceof ZaloError) throw new McpError(e.kind === 'input' || e.code === -201 ? ErrorCode.InvalidParams : ErrorCode.InternalError, `${e.message}. ${renderHint(e.hint, hints)}`);
      log.error(`internal error reading ${uri.href}`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      throw new McpError(ErrorCode.InternalError, `internal error reading ${def.name}; see the server log`);
    }
  };
  const metadata = { title: def.title, description: def.description, mimeType: JSON_TYPE };
  if (!def.uri.includes('{')) {
    server.registerResource(def.name, def.uri, metadata, (uri, extra) => read(uri, {}, extra));
    return;
  }
  const complete = Object.fromEntries(
    Object.entries(def.complete ?? {}).map(([name, fn]) => [name, (value: string, context?: { arguments?: Record<string, string> }) => fn(value, context?.arguments ?? {})]),
  );
  const list = def.list;
  const template = new ResourceTemplate(def.uri, {
    list: list && (async () => ({ resources: (await list()).map((r) => ({ ...r, mimeType: JSON_TYPE })) })),
    complete,
  });
  server.registerResource(def.name, template, metadata, read);
}

/** A prompt definition as an MCP prompt, its arguments completable where the definition says how. */
const promptArgs = new WeakMap<PromptDefinition, Record<string, z.ZodString>>();

function registerPrompt(server: McpServer, def: PromptDefinition): void {
  // completable() marks the schema itself, so the marked schemas are made once per definition.
  let argsSchema = promptArgs.get(def);
  if (!argsSchema) {
    argsSchema = Object.fromEntries(
      Object.entries(def.args).map(([name, schema]) => {
        const fn = def.complete[name];
        return [name, fn ? completable(schema as z.ZodString, (value, context) => fn(value ?? '', context?.arguments ?? {})) : schema];
      }),
    ) as Record<string, z.ZodString>;
    promptArgs.set(def, argsSchema);
  }
  server.registerPrompt(def.name, { title: def.title, description: def.description, argsSchema }, (args: Record<string, string | undefined>) => ({
    messages: [{ role: 'user' as const, content: { type: 'text' as const, text: def.render(args) } }],
  }));
}

/**
 * Serve one client over stdio; `onClose` runs when the client goes away. `onFatal` runs when the
 * transport closes because of an error (a message over the 10 MB line limit), so the process can
 * say why and exit non-zero instead of stopping silently with 0.
 */
export async function connectStdio(server: McpServer, onClose: () => void, onFatal?: (error: Error) => void): Promise<void> {
  const transport = new StdioTransport(process.stdin, process.stdout);
  process.once('exit', transport.flush);
  let lastError: Error | undefined;
  // Set before connect(): the SDK chains its own handlers after ours. A bad line alone is not
  // fatal (it is skipped); an error followed at once by close is.
  transport.onerror = (error) => {
    lastError = error;
    queueMicrotask(() => { lastError = undefined; });
  };
  transport.onclose = () => {
    if (lastError) onFatal?.(lastError);
    onClose();
  };
  await server.connect(transport);
}
