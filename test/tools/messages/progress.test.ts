/** Multi-page reads report progress when the client sends a progress token. */
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowOf } from '../../../src/sandbox/seed/index.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('progress on multi-page reads', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });

  const callWithProgress = async (name: string, args: Record<string, unknown>) => {
    const seen: Progress[] = [];
    const result = await t.client.callTool({ name, arguments: args }, undefined, { onprogress: (p) => void seen.push(p) });
    return { result, seen };
  };

  it('messages_get_status reports each history page it reads', async () => {
    const user = t.sim.oa().messages[0]!.user_id;
    const { result, seen } = await callWithProgress('messages_get_status', { user_id: user, message_id: '999999' });
    expect((result.structuredContent as { found: boolean }).found).toBe(false);
    const pages = t.sim.calls('/v2.0/oa/conversation').length;
    expect(seen).toHaveLength(pages);
    expect(seen.map((p) => p.progress)).toEqual([...Array(pages).keys()]);
  });

  it('a send by phone reports the follower scan', async () => {
    const followers = [...t.sim.oa().followers.values()];
    // Late in the list (several pages to scan) and inside the free window, so the send goes through.
    const target = followers.filter((f, i) => windowOf(i) === 'within_48h' && f.shared_info?.phone).at(-1)!;
    const local = `0${target.shared_info!.phone!.slice(2)}`;
    const { result, seen } = await callWithProgress('messages_send_text', { phone: local, text: 'Chào bạn' });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { user_id: string }).user_id).toBe(target.user_id);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((p) => p.total === followers.length)).toBe(true);
    expect(seen.map((p) => p.progress)).toEqual([...seen.map((p) => p.progress)].sort((a, b) => a - b));
  });

  it('sends no progress when the client asked for none', async () => {
    const user = t.sim.oa().messages[0]!.user_id;
    const notifications: string[] = [];
    t.client.fallbackNotificationHandler = async (n) => void notifications.push(n.method);
    await t.ok('messages_get_status', { user_id: user, message_id: '999999' });
    expect(notifications).not.toContain('notifications/progress');
  });

  it('followers_check_status by phone reports the follower scan', async () => {
    const followers = [...t.sim.oa().followers.values()];
    const target = followers.filter((f) => f.shared_info?.phone).at(-1)!;
    const { result, seen } = await callWithProgress('followers_check_status', { phone: target.shared_info!.phone });
    expect((result.structuredContent as { user_id: string }).user_id).toBe(target.user_id);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });
});
