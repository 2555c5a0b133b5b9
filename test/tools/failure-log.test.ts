/**
 * Every failed tool call leaves exactly one warning line for the operator (issue 13, item 10):
 * the tool, the Zalo endpoint and the code, redacted — visible at the default log level.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createTestContext, type TestContext } from '../harness.js';

let t: TestContext | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

async function context() {
  const lines: string[] = [];
  t = await createTestContext({ log: createLogger('info', (l) => lines.push(l)) });
  const user = [...t.sim.oa().followers.values()].find((f) => f.is_follower)!;
  return { t, lines, user, warnings: () => lines.filter((l) => l.includes(' warning: ')) };
}

describe('failed tool calls are logged once at warning level', () => {
  it('a Zalo error: tool, endpoint and code, no token', async () => {
    const { t, user, warnings, lines } = await context();
    t.sim.failNext({ path: '/v2.0/oa/tag/tagfollower', code: -213, message: 'User has not followed OA' });
    await t.fail('tags_add_follower', { user_id: user.user_id, tag: 'VIP' });
    expect(warnings()).toHaveLength(1);
    const line = warnings()[0]!;
    expect(line).toMatch(/tool tags_add_follower failed: User has not followed OA/);
    expect(line).toContain('"tool":"tags_add_follower"');
    expect(line).toMatch(/"endpoint":"[^"]*\/v2\.0\/oa\/tag\/tagfollower"/);
    expect(line).toContain('"code":-213');
    expect(lines.join('\n')).not.toMatch(/sbx_(at|rt)_/);
  });

  it('input refused before anything is sent: tool and kind, no endpoint', async () => {
    const { t, warnings } = await context();
    await t.fail('followers_get_profile', { user_id: 42 });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/tool followers_get_profile failed: invalid input.*"endpoint":null,"code":null,"kind":"input"/);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('a success logs no warning', async () => {
    const { t, warnings } = await context();
    await t.ok('oa_get_profile');
    expect(warnings()).toEqual([]);
  });
});

describe('an id typed as a number', () => {
  it('is answered with "pass it as a string"', async () => {
    const { t } = await context();
    const text = await t.fail('followers_get_profile', { user_id: 1234567890123456789 });
    expect(text).toMatch(/user_id: got a number; pass it as a string in quotes/);
  });
});
