/**
 * Property-based fuzzing of every tool's input through the real MCP client (fast-check, fixed
 * seed, bounded runs). Arguments are generated from each tool's advertised JSON Schema: mostly
 * near-valid values (matching patterns, enums, bounds), mixed with off-by-one limits, wrong types,
 * odd strings (%-escapes, `..`, control and astral characters) and unknown or reserved keys.
 * Whatever comes in: the call answers (never a JSON-RPC failure), never with "internal error",
 * failures are structured, and input the schema refuses reaches the simulator not at all.
 */
import fc from 'fast-check';
import { CallToolResultSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.js';
import { tempRoots, put, files } from '../uploads/fixtures.js';

const SEED = 20261201;
const RUNS_PER_TOOL = 25;

type Schema = {
  type?: string; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; pattern?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; maxItems?: number;
  items?: Schema; additionalProperties?: Schema | boolean; propertyNames?: Schema;
};

const oddString = fc.oneof(
  fc.constantFrom('', ' ', '..', '../../etc/passwd', '..notes.pdf', '%E0%A4%A', '%zz', '%', 'a%2Fb', '\u0000', '\n', '😀'.repeat(3), 'null', '-1', '1e309', '__proto__', 'constructor', 'https://', 'http://127.0.0.1:1/x.png', 'data:,', 'file:///etc/passwd'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function stringArb(s: Schema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [oddString, fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) })];
  if (s.pattern) options.push(fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? Infinity)), fc.stringMatching(new RegExp(s.pattern)));
  if (s.maxLength !== undefined && s.maxLength <= 5000) options.push(fc.constant('9'.repeat(s.maxLength + 1)));
  if (s.minLength) options.push(fc.constant('1'.repeat(s.minLength - 1)));
  return fc.oneof(...options);
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? -1e6;
  const max = s.maximum ?? 1e6;
  return fc.oneof(
    fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
    fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
    integer ? fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }) : fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
}

/** An arbitrary for a JSON Schema node: near-valid most of the time, anything some of the time. */
function arb(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.jsonValue({ maxDepth: 2 });
  let right: fc.Arbitrary<unknown>;
  if (s.enum) right = fc.oneof(fc.constantFrom(...s.enum), oddString);
  else if (s.type === 'string') right = stringArb(s);
  else if (s.type === 'integer' || s.type === 'number') right = numberArb(s, s.type === 'integer');
  else if (s.type === 'boolean') right = fc.boolean();
  else if (s.type === 'array') right = fc.array(s.items ? arb(s.items, depth + 1) : wrong, { maxLength: Math.min((s.maxItems ?? 4) + 1, 6) });
  else if (s.type === 'object' && depth < 4) right = objectArb(s, depth);
  else right = wrong;
  return fc.oneof({ arbitrary: right, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

function objectArb(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => k !== 'oa').map(([k, v]) => [k, arb(v, depth + 1)]));
  const known = fc.record(props, { requiredKeys: [] });
  const extraKey = s.propertyNames ? fc.oneof(stringArb(s.propertyNames), oddString) : fc.oneof(oddString, fc.constantFrom('constructor', 'prototype', 'extra'));
  const extraValue = typeof s.additionalProperties === 'object' ? arb(s.additionalProperties, depth + 1) : fc.jsonValue({ maxDepth: 1 });
  const extras = fc.dictionary(extraKey, extraValue, { maxKeys: s.additionalProperties === false ? 1 : 4 });
  const withRequired = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  return fc
    .tuple(fc.oneof({ arbitrary: withRequired, weight: 3 }, { arbitrary: known, weight: 1 }), fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: extras, weight: 1 }))
    .map(([a, b]) => ({ ...b, ...a }));
}

const text = (r: CallToolResult) => (r.content[0] as { text?: string } | undefined)?.text ?? '';

describe('fuzzing every tool input (fast-check, fixed seed)', () => {
  let t: TestContext;
  let tools: Tool[];
  beforeAll(async () => {
    const { root } = tempRoots();
    put(root, 'a.png', files.png(300));
    put(root, 'a.pdf', files.pdf(300));
    t = await createTestContext({ env: { ZALO_UPLOAD_ROOTS: root } });
    tools = (await t.client.listTools()).tools;
    await t.ok('oa_get_profile'); // the first token refresh is not part of any run
  });
  afterAll(async () => {
    await t.close();
  });

  it('covers every listed tool', () => {
    expect(tools.length).toBeGreaterThanOrEqual(40);
  });

  it('no call crashes, none is an internal error, and schema-refused input sends nothing', async () => {
    const seen = { refused: 0, failed: 0, ok: 0 };
    for (const [i, tool] of tools.entries()) {
      const args = objectArb(tool.inputSchema as Schema, 0);
      await fc.assert(
        fc.asyncProperty(args, async (input) => {
          const before = t.sim.requests.length;
          // client.request, not callTool: the SDK client would also check error results against the
          // tool's output schema, which is the client's business, not what is fuzzed here.
          const r = await t.client.request({ method: 'tools/call', params: { name: tool.name, arguments: input } }, CallToolResultSchema);
          const msg = text(r);
          expect(msg, `${tool.name} ${JSON.stringify(input)}`).not.toMatch(/internal error/i);
          if (!r.isError) {
            seen.ok++;
            return;
          }
          expect(r.structuredContent, tool.name).toMatchObject({ error: true });
          expect(msg).toMatch(/ failed: /);
          if (msg.includes('failed: invalid input (')) {
            seen.refused++;
            expect(t.sim.requests.length, `${tool.name} sent a request for refused input ${JSON.stringify(input)}`).toBe(before);
          } else seen.failed++;
        }),
        { seed: SEED + i, numRuns: RUNS_PER_TOOL, endOnFailure: true },
      );
    }
    // The generator must reach past the schema too, or the handlers were never fuzzed.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.ok + seen.failed).toBeGreaterThan(tools.length);
  }, 120_000);
});
