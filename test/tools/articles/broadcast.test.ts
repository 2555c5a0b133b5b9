import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articlesState } from '../../../src/sandbox/routes/articles.js';
import { broadcasts } from '../../../src/sandbox/routes/message-v2.js';
import { createTestContext, type TestContext } from '../../harness.js';

describe('articles_broadcast', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext(); });
  afterEach(async () => { await t.close(); });
  const article = (status: 'show' | 'hide') => [...articlesState(t.sim.oa(), t.sim.state.now()).articles.values()].find((a) => a.status === status && a.type === 'normal')!;

  it('sends a published article to the target on POST /v2.0/oa/message, target as comma-separated codes', async () => {
    const a = article('show');
    const r = await t.ok('articles_broadcast', { id: a.id, ages: ['25-34', '18-24'], gender: 'female', cities: [4, 9], platforms: ['android', 'ios'] });
    const target = { ages: '2,3', gender: '2', cities: '4,9', platform: '1,2' };
    expect(r).toMatchObject({ article_id: a.id, target });
    expect(t.sim.calls('/v2.0/oa/message')[0]!.body).toEqual({
      recipient: { target },
      message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: a.id }] } } },
    });
    expect(broadcasts(t.sim.oa())).toEqual([expect.objectContaining({ message_id: r.message_id, article_id: a.id, target: { ages: [2, 3], gender: [2], cities: [4, 9], platform: [1, 2] } })]);
  });

  it('says it reaches many people', async () => {
    const tool = (await t.client.listTools()).tools.find((x) => x.name === 'articles_broadcast')!;
    expect(tool.description).toMatch(/reaches many people/);
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: false });
  });

  it('refuses a hidden article before sending; out-of-range codes never reach Zalo', async () => {
    expect(await t.fail('articles_broadcast', { id: article('hide').id })).toContain('is hidden (status hide)');
    expect((await t.call('articles_broadcast', { id: article('show').id, cities: [64] })).isError).toBe(true);
    expect(t.sim.calls('/v2.0/oa/message')).toHaveLength(0);
  });

  it('the simulator accepts the other [X] value forms (scalars, arrays, key platforms) and checks ranges', async () => {
    const a = article('show');
    const send = (target: Record<string, unknown>) => t.runtime.client.request({
      api: 'openapi', method: 'POST', path: '/v2.0/oa/message',
      body: { recipient: { target }, message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: a.id }] } } } },
    });
    await send({ ages: 3, gender: 0, platforms: '1,2' });
    await send({ cities: [1, 2, 3] });
    expect(broadcasts(t.sim.oa()).map((b) => b.target)).toEqual([{ ages: [3], gender: [0], platform: [1, 2] }, { cities: [1, 2, 3] }]);
    await expect(send({ ages: '9' })).rejects.toMatchObject({ code: -201, message: expect.stringContaining('target.ages is invalid!') });
  });
});

describe('articles_broadcast in dry-run mode', () => {
  it('shows the exact target without sending', async () => {
    const t = await createTestContext({ env: { ZALO_DRY_RUN: '1' } });
    try {
      const a = [...articlesState(t.sim.oa(), t.sim.state.now()).articles.values()].find((x) => x.status === 'show')!;
      const r = await t.ok('articles_broadcast', { id: a.id, gender: 'male', cities: [29] });
      expect(r).toMatchObject({ dry_run: true, sent: false, request: { method: 'POST', body: { recipient: { target: { gender: '1', cities: '29' } } } } });
      expect(r.request.url).toMatch(/\/v2\.0\/oa\/message$/);
      expect(broadcasts(t.sim.oa())).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
