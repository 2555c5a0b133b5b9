/**
 * What a client sees in tools/list: one reviewed snapshot per tool, the `oa` argument, and the
 * token budgets (issue 14): every tool's schema is paid for in every conversation.
 */
import { readdirSync } from 'node:fs';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.js';
import { countTokens } from '../../bench/tokens.mjs';

/** Per-tool budgets in o200k tokens (bench/tokens.mjs), for a server with one OA configured. */
export const BUDGET = {
  /** name + description + input schema, averaged over all tools. */
  modelVisibleAverage: 150,
  /** The whole tools/list entry (title, output schema, annotations too), averaged over all tools. */
  entryAverage: 260,
  /** The whole entry of any single tool. */
  entryMax: 400,
};

/**
 * Tools over entryMax whose files another engineer is rewriting now (issue 9); the number is a
 * ceiling that may only go down, and the test fails once a tool fits so its line is removed.
 */
const OVER_MAX: Record<string, number> = {};

const modelVisible = (t: Tool) => countTokens(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
const entry = (t: Tool) => countTokens(JSON.stringify(t));
const SNAPSHOTS = 'test/contract/__snapshots__/tools';

describe('tools/list', () => {
  let all: TestContext;
  let one: TestContext;
  let allTools: Tool[];
  let oneTools: Tool[];
  beforeAll(async () => {
    all = await createTestContext();
    one = await createTestContext({ override: (c) => ({ ...c, accounts: [c.accounts[0]!], defaultOa: c.accounts[0]!.alias }) });
    allTools = (await all.client.listTools()).tools;
    oneTools = (await one.client.listTools()).tools;
  });
  afterAll(async () => {
    await all.close();
    await one.close();
  });

  it('matches the reviewed snapshot of each tool, and no snapshot outlives its tool', async () => {
    for (const t of allTools) await expect(JSON.stringify(t, null, 2) + '\n').toMatchFileSnapshot(`./__snapshots__/tools/${t.name}.json`);
    const stale = readdirSync(SNAPSHOTS).filter((f) => !allTools.some((t) => `${t.name}.json` === f));
    expect(stale, `delete ${SNAPSHOTS}/ files of removed tools`).toEqual([]);
  });

  it('every error result validates against every output schema (SDK clients check error results too)', () => {
    const validator = new AjvJsonSchemaValidator();
    const errors = [
      { error: true, code: -201, kind: 'invalid_request', retry_class: 'fix_input', message: 'x', suggestion: 'y', retry_after_s: 60 },
      { error: true, code: null, kind: 'internal', message: 'internal error', suggestion: 'See the server log.' },
    ];
    for (const t of allTools) {
      const check = validator.getValidator(t.outputSchema as Parameters<typeof validator.getValidator>[0]);
      for (const e of errors) expect(check(e).errorMessage, t.name).toBeUndefined();
    }
  });

  it('with several OAs, every tool takes the optional oa alias and rejects unknown arguments', () => {
    for (const t of allTools) {
      const props = t.inputSchema.properties as Record<string, { enum?: string[] }>;
      expect(props.oa?.enum, t.name).toEqual(['shop', 'branch']);
      expect(t.inputSchema.required ?? [], t.name).not.toContain('oa');
      expect((t.inputSchema as { additionalProperties?: unknown }).additionalProperties, t.name).toBe(false);
      expect(t.outputSchema, t.name).toBeDefined();
    }
  });

  it('with one OA, oa is not advertised but still accepted; another alias is refused', async () => {
    for (const t of oneTools) expect(Object.keys(t.inputSchema.properties ?? {}), t.name).not.toContain('oa');
    expect((await one.ok('oa_get_profile', { oa: 'shop' })).oa_id).toBe(one.sim.oa('shop').account.oaId);
    expect((await one.ok('oa_get_profile')).oa_id).toBe(one.sim.oa('shop').account.oaId);
    expect(await one.fail('oa_get_profile', { oa: 'branch' })).toMatch(/invalid input \(oa: /);
  });

  it('keeps validation-only bounds out of the schema but enforces them', async () => {
    const get = oneTools.find((t) => t.name === 'followers_get_profile')!;
    expect(get.inputSchema.properties!.user_id).toEqual({ type: 'string', description: 'Follower user_id' });
    expect(await one.fail('followers_get_profile', { user_id: 'abc' })).toMatch(/user_id: must be a numeric Zalo user_id/);
  });

  it(`averages at most ${BUDGET.modelVisibleAverage} model-visible and ${BUDGET.entryAverage} whole tokens per tool`, () => {
    const mv = oneTools.reduce((s, t) => s + modelVisible(t), 0) / oneTools.length;
    const whole = oneTools.reduce((s, t) => s + entry(t), 0) / oneTools.length;
    expect(mv, 'model-visible tokens per tool').toBeLessThanOrEqual(BUDGET.modelVisibleAverage);
    expect(whole, 'tools/list tokens per tool').toBeLessThanOrEqual(BUDGET.entryAverage);
  });

  it(`keeps every tool's entry within ${BUDGET.entryMax} tokens`, () => {
    for (const t of oneTools) {
      const cap = OVER_MAX[t.name];
      if (cap === undefined) expect(entry(t), `${t.name} tokens`).toBeLessThanOrEqual(BUDGET.entryMax);
      else {
        expect(entry(t), `${t.name} tokens (may only shrink)`).toBeLessThanOrEqual(cap);
        expect(entry(t), `${t.name} now fits: remove it from OVER_MAX`).toBeGreaterThan(BUDGET.entryMax);
      }
    }
    for (const name of Object.keys(OVER_MAX)) expect(oneTools.some((t) => t.name === name), `${name} is gone: remove it from OVER_MAX`).toBe(true);
  });

  it('several OAs cost only the oa enum on each tool', () => {
    for (const t of allTools) {
      const single = oneTools.find((x) => x.name === t.name)!;
      expect(entry(t) - entry(single), t.name).toBeLessThanOrEqual(16);
    }
  });
});
