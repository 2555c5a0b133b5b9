/**
 * tools/list as we serve it. Every token of these schemas is paid for in every conversation, so
 * entries are built once at start and slimmed; the server still validates arguments with the full
 * zod input schema and every result with the full output schema. The rules:
 * - no `$schema` URI;
 * - inputs: keywords a model gains nothing from stay in validation only, where a failure names the
 *   field and the rule: regex `pattern`s (the description states the format in words, and most
 *   are id shapes the model copies from another result), `minLength: 1`, `minimum` 0/1,
 *   `minItems: 1`, `type` next to an `enum`, a bound the description already states, and the
 *   keywords a field marks with `quiet()` (URL lengths, phone lengths, the offset's ceiling);
 * - outputs: names and types only (no `required`, `description`, `additionalProperties: false`,
 *   and no `type` where `properties` or `items` implies it below the top level);
 * - annotations without a second copy of the title, no default `execution` block.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyTool } from './define-tool.js';

type JsonSchema = Record<string, unknown>;

const QUIET = 'x-quiet';
type Keyword = 'pattern' | 'maxLength' | 'minLength' | 'maximum' | 'minimum' | 'default' | 'format';

/** Keep these constraints of a field in validation but out of tools/list (errors still name them). */
export function quiet<T extends z.ZodType>(schema: T, ...keywords: Keyword[]): T {
  return schema.meta({ [QUIET]: keywords });
}

function walk(node: unknown, fn: (n: JsonSchema, depth: number) => JsonSchema, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, fn, depth));
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(fn(node as JsonSchema, depth))) out[k] = k === 'properties' || k === '$defs' ? mapValues(v, fn, depth + 1) : walk(v, fn, depth + 1);
  return out;
}

function mapValues(v: unknown, fn: (n: JsonSchema, depth: number) => JsonSchema, depth: number): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, s]) => [k, walk(s, fn, depth)]));
}

function slimInputNode(node: JsonSchema): JsonSchema {
  const { [QUIET]: quietKeys, ...n } = node;
  for (const k of (quietKeys as Keyword[] | undefined) ?? []) delete n[k];
  delete n.pattern;
  if (n.minLength === 1) delete n.minLength;
  if (n.minItems === 1) delete n.minItems;
  if (n.minimum === 0 || n.minimum === 1) delete n.minimum;
  if (Array.isArray(n.enum) && typeof n.type === 'string') delete n.type;
  const said = typeof n.description === 'string' ? n.description : '';
  for (const bound of ['maxLength', 'maxItems', 'maximum'] as const) {
    if (typeof n[bound] === 'number' && new RegExp(`(^|\\D)${n[bound]}(\\D|$)`).test(said.replace(/[ ,](?=\d{3}\b)/g, ''))) delete n[bound];
  }
  return n;
}

function slimOutputNode(node: JsonSchema, depth: number): JsonSchema {
  const { required: _r, description: _d, [QUIET]: _q, ...n } = node;
  if (n.additionalProperties === false) delete n.additionalProperties;
  if (depth > 0 && ((n.type === 'object' && n.properties) || (n.type === 'array' && n.items))) delete n.type;
  if (Array.isArray(n.enum) && typeof n.type === 'string') delete n.type;
  return n;
}

/** The advertised input schema of a strict zod object. */
export function slimInputSchema(input: z.ZodObject): Tool['inputSchema'] {
  const { $schema: _s, ...schema } = z.toJSONSchema(input, { io: 'input', target: 'draft-7' }) as JsonSchema;
  return walk(schema, slimInputNode) as Tool['inputSchema'];
}

/** The advertised output schema: what comes back, by name and type. */
export function slimOutputSchema(output: z.ZodRawShape): Tool['outputSchema'] {
  const { $schema: _s, ...schema } = z.toJSONSchema(z.object(output), { io: 'output', target: 'draft-7' }) as JsonSchema;
  return walk(schema, slimOutputNode) as Tool['outputSchema'];
}

/** One tools/list entry from a definition and the input schema the server validates with. */
export function toolListEntry(tool: AnyTool, input: z.ZodObject, withOutput: boolean): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: slimInputSchema(input),
    ...(withOutput ? { outputSchema: slimOutputSchema(tool.output) } : {}),
    annotations: tool.annotations,
  };
}
