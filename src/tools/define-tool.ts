/**
 * A tool is data: name, toolset, title, description, zod input/output, annotation preset and a
 * handler that returns plain data. `server.ts` registers every selected definition through
 * `toToolResult()` / `toErrorResult()`, the one place results and errors are shaped.
 */
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ZaloClient } from '../zalo/client.js';
import type { DryRunStop } from '../zalo/client.js';
import { callSignal } from '../zalo/deadline.js';
import { createZaloApi, type ZaloApi, type ZaloCaches } from '../zalo/endpoints/index.js';
import { ZaloError, ZaloInputError } from '../zalo/errors.js';
import { redact } from '../zalo/redact.js';
import { compactText } from './compact-text.js';
import { renderHint, type HintTools } from './hints.js';

/** What a handler gets besides its arguments. */
export interface ToolContext {
  /** Typed Zalo endpoints, bound to the OA selected by the `oa` argument. */
  zalo: ZaloApi;
  client: ZaloClient;
  /** Alias of the OA this call acts on. */
  oa: string;
  config: Config;
  log: Logger;
  signal: AbortSignal;
  now: () => number;
  /** Report progress for long calls; a no-op when the client sent no progress token. */
  progress: (progress: number, total?: number, message?: string) => Promise<void>;
  /** The tools this server exposes, for text that names tools (renderHint); absent outside a server. */
  hints?: HintTools;
}

/** Build the context for one call (tools and resources share it). */
export function createToolContext(
  deps: { config: Config; client: ZaloClient; log: Logger; now?: () => number; caches?: ZaloCaches },
  oa: string,
  signal: AbortSignal,
  progress: ToolContext['progress'] = async () => undefined,
): ToolContext {
  // A call may fan out into many concurrent Zalo requests (a phone lookup over profiles); they
  // follow this signal through one listener (zalo/deadline.ts callSignal), so its limit stays 10.
  return { zalo: createZaloApi(deps.client, oa, callSignal(signal), deps.caches, deps.log), client: deps.client, oa, config: deps.config, log: deps.log, signal, now: deps.now ?? Date.now, progress };
}

export type Annotations = Required<Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>>;

/** Annotation presets: all four hints written out (DESIGN.md section 2). */
export const READ: Annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
/** Sends and creates: a repeat reaches a real person or makes a second object. */
export const CREATE: Annotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
export const UPDATE: Annotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };
export const DELETE: Annotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

/** A tool whose input and output types are known: `handler` gets parsed args and must return the output. */
export interface ToolDefinition<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  toolset: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Annotations;
  // Method syntax on purpose: a definition with a narrower input is still an AnyTool (bivariant args).
  handler(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<z.infer<z.ZodObject<O>>>;
}

/** Any tool, whatever its schemas: what the registry and server hold. */
export type AnyTool = ToolDefinition;

/** Declare a tool. The value is frozen (registries and snapshots treat it as data) and keeps its types. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(def: ToolDefinition<I, O>): Readonly<ToolDefinition<I, O>> {
  return Object.freeze(def);
}

/**
 * A result for the model: structuredContent whole, plus one text copy with every value
 * (compactText: JSON, or fewer tokens for lists of like records).
 */
export function toToolResult(data: unknown): CallToolResult {
  const structured = (data ?? {}) as Record<string, unknown>;
  return { content: [{ type: 'text', text: compactText(structured) }], structuredContent: structured };
}

/** Dry-run mode: the write stopped before sending; the result is the exact (redacted) request. */
export function toDryRunResult(stop: DryRunStop): CallToolResult {
  return toToolResult({ dry_run: true, sent: false, request: JSON.parse(redact(JSON.stringify(stop.request))) as unknown });
}

/**
 * Zalo ids have up to 19 digits, more than a JSON number holds exactly, so they are strings; a
 * client that typed one as a number (Inspector `--tool-arg user_id=100…`) is told so plainly.
 */
function numberForString(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_type' || issue.expected !== 'string' || !/received number/.test(issue.message)) return undefined;
  return 'got a number; pass it as a string in quotes (ids are longer than a JSON number holds exactly)';
}

/** Arguments that do not fit the tool's schema, named field by field (at most three). */
export function invalidInput(error: z.ZodError): ZaloInputError {
  const issues = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'arguments'}: ${numberForString(i) ?? i.message}`);
  return new ZaloInputError(`invalid input (${issues.join('; ')})`, 'Nothing was sent: fix these arguments and call again.');
}

/**
 * One warning line per failed call, so an operator sees failures at the default level: which
 * tool, which Zalo endpoint, which code. The logger redacts it; internal errors log their stack
 * at error level instead.
 */
export function logToolFailure(log: Logger, tool: string, err: ZaloError): void {
  log.warning(`tool ${tool} failed: ${err.message}`, { tool, endpoint: err.endpoint ?? null, code: err.code, kind: err.kind });
}

/** `<title> failed: <reason> (Zalo error <code>). <what to do next>` — never a stack or secret. */
export function toErrorResult(title: string, err: unknown, log: Logger, toolName: string, tools?: HintTools): CallToolResult {
  if (err instanceof ZaloError) {
    logToolFailure(log, toolName, err);
    const reason = err.message.replace(/[.\s]+$/, '');
    const code = err.code !== null ? ` (Zalo error ${err.code})` : '';
    const suggestion = renderHint(err.hint, tools);
    const hint = suggestion ? ` ${suggestion}` : '';
    const structured = {
      error: true as const,
      code: err.code,
      kind: err.kind,
      ...(err.retryClass ? { retry_class: err.retryClass } : {}),
      message: reason,
      suggestion,
      ...(err.retryAfterS !== undefined ? { retry_after_s: err.retryAfterS } : err.kind === 'rate_limit' ? { retry_after_s: 60 } : {}),
    };
    return { isError: true, content: [{ type: 'text', text: redact(`${title} failed: ${reason}${code}.${hint}`) }], structuredContent: structured };
  }
  log.error(`internal error in ${toolName}`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return {
    isError: true,
    content: [{ type: 'text', text: `${title} failed: internal error in ${toolName}; see the server log.` }],
    structuredContent: { error: true, code: null, kind: 'internal', message: `internal error in ${toolName}`, suggestion: 'See the server log.' },
  };
}
