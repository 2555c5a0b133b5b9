/**
 * Stateless replicas: two HTTP servers (separate runtimes, clients and token managers) in front of
 * one Zalo (the simulator) and one token file, with requests alternating between them the way a
 * round-robin load balancer sends them. Zalo's refresh token is single-use, so the replica that did
 * not refresh must pick up the other's pair from the file instead of burning the dead one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, initialize, messages, post, startHttp, type HttpContext } from './helpers.js';
import { tempDir } from '../tmp.js';

describe('HTTP transport: stateless replicas sharing one token file', () => {
  let a: HttpContext;
  let b: HttpContext;
  let tokenFile: string;
  beforeAll(async () => {
    tokenFile = join(tempDir('zalo-replicas-'), 'tokens.json');
    a = await startHttp({ stateless: true, env: { ZALO_TOKEN_FILE: tokenFile } });
    const zalo = a.runtime.config.urls;
    b = await startHttp({ stateless: true, env: { ZALO_TOKEN_FILE: tokenFile }, override: (c) => ({ ...c, urls: zalo }) });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const sim = () => a.runtime.sandbox!;
  const grants = () => sim().calls('/v4/oa/access_token').filter((c) => c.body.grant_type === 'refresh_token');
  const call = async (replica: HttpContext, id: number, name: string, args: Record<string, unknown> = {}) => {
    const res = await post(replica.url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } }, bearer());
    expect(res.status).toBe(200);
    return (await messages(res)).find((m) => m.id === id).result;
  };

  it('serves an SDK client whose requests alternate between the replicas', async () => {
    const urls = [a.url, b.url];
    const hits: string[] = [];
    let n = 0;
    // A round-robin "load balancer" inside fetch: every HTTP request goes to the next replica.
    const transport = new StreamableHTTPClientTransport(new URL(a.url), {
      requestInit: { headers: bearer() },
      fetch: (input, init) => {
        const target = urls[n++ % 2]!;
        hits.push(target);
        return fetch(target, init);
      },
    });
    const client = new Client({ name: 'lb', version: '1.0.0' });
    await client.connect(transport);
    try {
      const before = sim().calls('/v2.0/oa/getoa').length;
      for (let i = 0; i < 4; i++) {
        const r = await client.callTool({ name: 'oa_get_profile', arguments: {} });
        expect(r.isError).toBeFalsy();
        expect((r.structuredContent as { oa_id: string }).oa_id).toBe(sim().oa().profile.oa_id);
      }
      expect(sim().calls('/v2.0/oa/getoa').length).toBe(before + 4);
      expect(new Set(hits)).toEqual(new Set(urls));
      expect(a.http.sessionCount() + b.http.sessionCount()).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('after Zalo expires the access token, one replica refreshes and the other adopts the new pair from the file', async () => {
    expect((await call(a, 1, 'oa_get_profile')).isError).toBeFalsy();
    expect((await call(b, 2, 'oa_get_profile')).isError).toBeFalsy();
    const before = grants().length;

    sim().expireTokens('shop');
    const viaA = await call(a, 3, 'oa_get_profile');
    expect(viaA.isError).toBeFalsy();
    expect(grants().length).toBe(before + 1);
    const saved = JSON.parse(readFileSync(tokenFile, 'utf8')).oas.shop;
    expect(saved.refresh_token).toBe(sim().oa('shop').refresh_token);

    // B still holds the old, now-expired access token and the burnt refresh token in memory.
    const viaB = await call(b, 4, 'oa_get_profile');
    expect(viaB.isError, JSON.stringify(viaB.content)).toBeFalsy();
    expect(grants().length).toBe(before + 1); // no second grant with the dead refresh token
    expect(sim().calls('/v2.0/oa/getoa').at(-1)?.headers['access_token']).toBe(saved.access_token);

    // And the other way round, in the same file.
    sim().expireTokens('shop');
    expect((await call(b, 5, 'tags_list')).isError).toBeFalsy();
    expect((await call(a, 6, 'tags_list')).isError).toBeFalsy();
    expect(grants().length).toBe(before + 2);
    expect(JSON.parse(readFileSync(tokenFile, 'utf8')).oas.shop.refresh_token).toBe(sim().oa('shop').refresh_token);
  });

  it('when both replicas refresh at the same moment, the loser adopts the winner\'s pair', async () => {
    sim().expireTokens('shop');
    const results = await Promise.all([call(a, 7, 'oa_get_profile'), call(b, 8, 'oa_get_profile')]);
    for (const r of results) expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    expect(JSON.parse(readFileSync(tokenFile, 'utf8')).oas.shop.refresh_token).toBe(sim().oa('shop').refresh_token);
    expect((await call(a, 9, 'oa_get_profile')).isError).toBeFalsy();
    expect((await call(b, 10, 'oa_get_profile')).isError).toBeFalsy();
  });

  it('initialize on one replica and tools/list on the other need no shared state', async () => {
    const init = await post(a.url, initialize(), bearer());
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const list = await post(b.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, bearer());
    expect((await messages(list)).find((m) => m.id === 2).result.tools.length).toBeGreaterThan(10);
  });
});
