/**
 * defineTool keeps its input and output types (issue 13 item 9): a handler's arguments and result
 * are typed from the zod shapes, and the registry holds AnyTool without casts. The type
 * assertions are checked by tsc on the tests; the runtime part checks the value is frozen data.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AnyTool, ToolContext } from '../../src/tools/define-tool.js';
import { followersList } from '../../src/tools/followers/list.js';
import { oaGetProfile } from '../../src/tools/oa/get-profile.js';
import { ALL_TOOLS } from '../../src/tools/registry.js';

describe('defineTool types', () => {
  it('keeps the input and output types of a tool', () => {
    type Args = Parameters<typeof followersList.handler>[0];
    expectTypeOf<Args['count']>().toEqualTypeOf<number>();
    expectTypeOf<Args['tag']>().toEqualTypeOf<string | undefined>();
    type Out = Awaited<ReturnType<typeof oaGetProfile.handler>>;
    expectTypeOf<Out['oa_id']>().toEqualTypeOf<string>();
    expectTypeOf<Out['num_follower']>().toEqualTypeOf<number | null>();
    expectTypeOf(followersList.handler).parameter(1).toEqualTypeOf<ToolContext>();
  });

  it('a typed tool is an AnyTool, and definitions are frozen data', () => {
    expectTypeOf(followersList).toMatchTypeOf<AnyTool>();
    expect(ALL_TOOLS).toContain(followersList);
    for (const t of ALL_TOOLS) expect(Object.isFrozen(t), t.name).toBe(true);
  });
});
