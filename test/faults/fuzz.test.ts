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
import { objectArb, type Schema } from './arbitraries.js';

const SEED = 20261201;
const RUNS_PER_TOOL = 25;

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
