/**
 * tools/list as we serve it. Every byte of these schemas is paid for in every conversation, so
 * the entries are built once at start and kept lean: no `$schema` URI on each schema, no
 * `required`, `description` or `additionalProperties: false` on outputs (they tell the model what
 * comes back; the server still validates every result against the full zod output schema),
 * annotations without a second copy of the title, and no default `execution` block.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';

type JsonSchema = Record<string, unknown>;

/** Output keywords a model does not need to read a result: names and types carry it. */
const OUTPUT_ONLY_NOISE = new Set(['required', 'description']);

function lean(schema: JsonSchema, dropClosed: boolean): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  if (!dropClosed) return rest;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) if (!OUTPUT_ONLY_NOISE.has(k) && !(k === 'additionalProperties' && v === false)) out[k] = visit(v);
    return out;
  };
  return visit(rest) as JsonSchema;
}

/** One tools/list entry from a definition and the input schema the server validates with. */
export function toolListEntry(tool: ToolDefinition, input: z.ZodObject, withOutput: boolean): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: lean(z.toJSONSchema(input, { io: 'input', target: 'draft-7' }) as JsonSchema, false) as Tool['inputSchema'],
    ...(withOutput ? { outputSchema: lean(z.toJSONSchema(z.object(tool.output), { io: 'output', target: 'draft-7' }) as JsonSchema, true) as Tool['outputSchema'] } : {}),
    annotations: tool.annotations,
  };
}

/** Answer tools/list from the prepared entries (call after every tool is registered). */
export function serveToolList(server: McpServer, entries: Tool[]): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: entries }));
}
