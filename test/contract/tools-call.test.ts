/**
 * tools/call is dispatched by our server, not McpServer (issue 14: per-call CPU): what McpServer
 * answered for an unknown tool or a result outside the output schema is still answered, and a
 * bad argument still reads like every other failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callTool, type ToolCall } from '../../src/server.js';
import { createTestContext, type TestContext } from '../harness.js';

const extra = {} as Parameters<ToolCall['run']>[1];
const ok = (structuredContent: Record<string, unknown>) => ({ content: [{ type: 'text' as const, text: JSON.stringify(structuredContent) }], structuredContent });
const text = (r: { content: Array<{ type: string; text?: string }> }) => r.content[0]!.text;

describe('callTool', () => {
  const output = z.object({ name: z.string(), count: z.number() });
  const calls = new Map<string, ToolCall>([
    ['fits', { run: async () => ok({ name: 'a', count: 1 }), output }],
    ['misfits', { run: async () => ok({ name: 'a', count: 'one' }), output }],
    ['unstructured', { run: async () => ({ content: [{ type: 'text', text: 'x' }] }), output }],
    ['fails', { run: async () => ({ content: [{ type: 'text', text: 'Zalo said no' }], isError: true }), output }],
    ['throws', { run: async () => { throw new Error('boom'); } }],
    ['echo', { run: async (raw) => ok(raw) }],
  ]);

  it('answers a result that fits the output schema as it is', async () => {
    expect(await callTool(calls, { name: 'fits' }, extra)).toEqual(ok({ name: 'a', count: 1 }));
  });

  it('turns a result outside the output schema, or without structuredContent, into an error naming the field', async () => {
    const misfit = await callTool(calls, { name: 'misfits' }, extra);
    expect(misfit.isError).toBe(true);
    expect(text(misfit)).toMatch(/^Output validation error: Invalid structured content for tool misfits: .*count/s);
    const bare = await callTool(calls, { name: 'unstructured' }, extra);
    expect(bare).toMatchObject({ isError: true });
    expect(text(bare)).toBe('Output validation error: Tool unstructured has an output schema but no structured content was provided');
  });

  it('passes an error result through unchecked, and a thrown error becomes one', async () => {
    expect(text(await callTool(calls, { name: 'fails' }, extra))).toBe('Zalo said no');
    expect(await callTool(calls, { name: 'throws' }, extra)).toEqual({ content: [{ type: 'text', text: 'boom' }], isError: true });
  });

  it('gives the handler the arguments, or {} when there are none', async () => {
    expect((await callTool(calls, { name: 'echo', arguments: { a: 1 } }, extra)).structuredContent).toEqual({ a: 1 });
    expect((await callTool(calls, { name: 'echo' }, extra)).structuredContent).toEqual({});
  });
});

describe('tools/call through a real client', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('an unknown tool is an error result naming it', async () => {
    const r = await t.call('oa_get_nothing');
    expect(r.isError).toBe(true);
    expect(text(r as never)).toBe('Tool oa_get_nothing not found');
  });

  it('a call is answered with structuredContent that the client checks against the advertised schema', async () => {
    const profile = await t.ok('oa_get_profile');
    expect(profile).toMatchObject({ oa_id: expect.any(String), name: expect.any(String) });
    expect(await t.fail('followers_get_profile', { user_id: 12 })).toMatch(/user_id/);
  });
});
