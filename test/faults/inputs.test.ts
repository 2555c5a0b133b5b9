/**
 * Input faults: own `__proto__`/`constructor` keys (JSON makes them own keys) are refused before
 * anything reaches Zalo; base64 inputs are capped well below the 10 MB stdio message limit and
 * the schema says so (the video tool advertised 71 MB of base64 before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE64_MAX_BYTES, base64Length } from '../../src/uploads/index.js';
import { createTestContext, type TestContext } from '../harness.js';

const STDIO_LIMIT = 10 * 1024 * 1024;

describe('input faults', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['zns_send', '{"phone":"0912345678","template_id":"1","template_data":{"__proto__":{"polluted":"yes"}}}', 'template_data.__proto__'],
    ['zns_send', '{"phone":"0912345678","template_id":"1","template_data":{"constructor":{"prototype":{"x":1}}}}', 'template_data.constructor'],
    ['messages_send_text', '{"user_id":"1","text":"hi","constructor":{"admin":true}}', 'constructor'],
    ['store_products_create', '{"name":"x","price":1,"__proto__":{"a":1},"prototype":1}', 'prototype'],
    ['followers_update_info', '{"user_id":"1","constructor":"x"}', 'constructor'],
  ])('%s refuses the own key at %s before any request', async (tool, json, where) => {
    const before = t.sim.requests.length;
    const r = await t.call(tool, JSON.parse(json) as Record<string, unknown>);
    expect(r.isError).toBe(true);
    const text = (r.content[0] as { text: string }).text;
    expect(text).toContain(`invalid input (${where}: the key`);
    expect(text).not.toMatch(/internal error/i);
    expect(t.sim.requests.length).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a top-level __proto__ is dropped by the SDK\'s own parse of `arguments` (it never reaches a tool) and pollutes nothing', async () => {
    const r = await t.call('oa_get_profile', JSON.parse('{"__proto__":{"oa":"branch","polluted":true}}') as Record<string, unknown>);
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ oa_id: t.sim.oa('shop').profile.oa_id });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('every base64 input is capped below the stdio message limit, and the schema says how far', async () => {
    // The whole JSON-RPC line (base64 plus the envelope) must stay well under 10 MB.
    expect(base64Length(BASE64_MAX_BYTES)).toBeLessThan(STDIO_LIMIT * 0.75);
    const { tools } = await t.client.listTools();
    const withBase64 = tools.filter((x) => (x.inputSchema.properties as Record<string, unknown> | undefined)?.base64);
    expect(withBase64.map((x) => x.name).sort()).toEqual(['articles_upload_video', 'media_upload_file', 'media_upload_gif', 'media_upload_image']);
    for (const tool of withBase64) {
      const b64 = (tool.inputSchema.properties as Record<string, { maxLength?: number; description: string }>).base64;
      if (b64.maxLength !== undefined) expect(b64.maxLength, tool.name).toBeLessThanOrEqual(base64Length(BASE64_MAX_BYTES));
      const stated = /≤ (\d+(?:\.\d)?) MB decoded/.exec(b64.description);
      expect(stated, `${tool.name}: ${b64.description}`).not.toBeNull();
      expect(Number(stated![1]) * 1024 * 1024).toBeLessThanOrEqual(BASE64_MAX_BYTES);
    }
    const video = withBase64.find((x) => x.name === 'articles_upload_video')!;
    expect((video.inputSchema.properties as Record<string, { description: string }>).base64.description).toContain(`≤ ${BASE64_MAX_BYTES / 1024 / 1024} MB decoded; larger files by path or url`);
  });

  it('a base64 string over its character cap is refused by the schema before any request', async () => {
    const before = t.sim.requests.length;
    const r = await t.call('articles_upload_video', { base64: 'A'.repeat(base64Length(BASE64_MAX_BYTES) + 4) });
    expect(r.isError).toBe(true);
    expect((r.content[0] as { text: string }).text).toMatch(/invalid input \(base64: /);
    expect(t.sim.requests.length).toBe(before);
  });

  it('a video over the base64 cap is refused with the way to send it, before any request', async () => {
    const before = t.sim.requests.length;
    const big = Buffer.alloc(BASE64_MAX_BYTES + 1024);
    big.write('ftypisom', 4);
    const r = await t.call('articles_upload_video', { base64: big.toString('base64') });
    expect(r.isError).toBe(true);
    expect((r.content[0] as { text: string }).text).toMatch(/base64 data is larger than 5 MB decoded.*by path or url instead/);
    expect(t.sim.requests.length).toBe(before);
  });
});
