/**
 * What a client sees in tools/list, snapshotted for review in every PR, plus the token budget
 * of the default selection (its schemas are paid for in every conversation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.js';
import { countTokens } from '../../bench/tokens.mjs';

describe('tools/list', () => {
  let all: TestContext;
  let defaults: TestContext;
  beforeAll(async () => {
    all = await createTestContext();
    defaults = await createTestContext({ env: { ZALO_TOOLSETS: 'default' } });
  });
  afterAll(async () => {
    await all.close();
    await defaults.close();
  });

  it('matches the reviewed snapshot', async () => {
    const { tools } = await all.client.listTools();
    await expect(JSON.stringify(tools, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/tools-list.json');
  });

  it('every tool takes the optional oa alias and rejects unknown arguments', async () => {
    const { tools } = await all.client.listTools();
    for (const t of tools) {
      const props = t.inputSchema.properties as Record<string, { enum?: string[] }>;
      expect(props.oa?.enum, t.name).toEqual(['shop', 'branch']);
      expect(t.inputSchema.required ?? [], t.name).not.toContain('oa');
      expect((t.inputSchema as { additionalProperties?: unknown }).additionalProperties, t.name).toBe(false);
      expect(t.outputSchema, t.name).toBeDefined();
    }
  });

  it('keeps the default selection under 6,791 tokens of JSON', async () => {
    const { tools } = await defaults.client.listTools();
    expect(tools.every((t) => /^(oa|followers|tags|conversations|messages)_/.test(t.name))).toBe(true);
    expect(countTokens(JSON.stringify(tools))).toBeLessThan(6791);
  });
});
