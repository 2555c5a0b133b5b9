/**
 * Secrets never leave the server: every tool is run (generated inputs, fixed seed) together with
 * the error paths — expired and rejected tokens, a failing refresh, transport faults, and Zalo
 * answers that echo a secret back — while recognisable secrets are configured (app secrets,
 * access and refresh tokens, the webhook secret, the HTTP bearer token). All tool output
 * (text and structured content), resources, every stderr log line (at debug level) and every MCP
 * logging notification are searched for them.
 */
import fc from 'fast-check';
import { CallToolResultSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createTestContext, type TestContext } from '../harness.js';
import { bearer, initialize, messages, post, startHttp } from '../http/helpers.js';
import { files, put, tempRoots } from '../uploads/fixtures.js';
import { objectArb, type Schema } from './arbitraries.js';

const WEBHOOK_SECRET = 'whsec-RECOGNISABLE-7c1e9a44';
const HTTP_TOKEN = 'bearer-RECOGNISABLE-0d5f2b8e';

describe('secrets never appear in output or logs', () => {
  let t: TestContext;
  const stderr: string[] = [];
  const notifications: string[] = [];
  const outputs: string[] = [];
  /** Every secret the run has seen: configured ones plus every token the simulator issued. */
  const secrets = new Set<string>([WEBHOOK_SECRET, HTTP_TOKEN]);

  const collectTokens = () => {
    for (const oa of t.sim.state.oas.values()) {
      secrets.add(oa.account.appSecret);
      secrets.add(oa.refresh_token);
    }
    for (const token of t.sim.state.accessTokens.keys()) secrets.add(token);
  };
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await t.client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema);
    outputs.push(JSON.stringify(r));
    collectTokens();
    return r;
  };

  beforeAll(async () => {
    const { root } = tempRoots();
    put(root, 'a.png', files.png(300));
    t = await createTestContext({
      env: { ZALO_UPLOAD_ROOTS: root, ZALO_WEBHOOK_SECRET: WEBHOOK_SECRET, ZALO_MCP_HTTP_TOKEN: HTTP_TOKEN, ZALO_LOG_LEVEL: 'debug' },
      log: createLogger('debug', (line) => stderr.push(line)),
      override: (c) => ({ ...c, timeoutMs: 300 }),
    });
    t.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      notifications.push(JSON.stringify(n.params));
    });
    await t.client.setLoggingLevel('debug');
    collectTokens(); // the sandbox's initial refresh tokens and app secrets
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs every tool and the error paths, then finds no secret anywhere', async () => {
    const { tools } = await t.client.listTools();
    await call('oa_get_profile', {});
    for (const [i, tool] of tools.entries()) {
      await call(tool.name, {});
      const samples = fc.sample(objectArb(tool.inputSchema as Schema, 0), { seed: 7 + i, numRuns: 6 });
      for (const args of samples) await call(tool.name, args);
    }
    const accessToken = [...t.sim.state.accessTokens.keys()].at(-1)!;
    const app = t.sim.oa().account.appSecret;

    // Expired token: refresh, replay (logged at info/debug).
    t.sim.expireTokens();
    await call('followers_list', {});
    // Zalo rejects the fresh token too: the re-login hint, naming the OA.
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -216, times: 2 });
    await call('oa_get_profile', {});
    // Refresh endpoint down while the token is expired.
    t.sim.expireTokens();
    t.sim.failNext({ path: '/v4/oa/access_token', fault: 'http', status: 502, times: 3 });
    await call('oa_get_profile', {});
    await call('oa_get_profile', {});
    // Zalo (or a proxy) echoes secrets back in its error message and in an HTML page.
    t.sim.failNext({ path: '/v2.0/oa/getoa', code: -201, message: `access_token ${accessToken} and secret_key=${app} are wrong; webhook ${WEBHOOK_SECRET}` });
    await call('oa_get_profile', {});
    t.sim.failNext({ path: '/message/cs', code: -201, message: `bad token ${[...t.sim.state.accessTokens.keys()].at(-1)} app ${app}` });
    await call('messages_send_text', { user_id: [...t.sim.oa().followers.keys()][0], text: 'hi' });
    // Transport faults on a read and a send.
    for (const fault of ['reset', 'hang', 'html', 'malformed-json', 'zalo-5xx'] as const) {
      t.sim.failNext({ path: '/v2.0/oa/getoa', fault, times: 3 });
      await call('oa_get_profile', {});
      t.sim.failNext({ path: '/message/cs', fault });
      await call('messages_send_text', { user_id: [...t.sim.oa().followers.keys()][0], text: 'hi' });
    }
    // Resources too.
    for (const uri of ['zalo://oas', 'zalo://oa/shop/profile', 'zalo://oa/branch/profile']) {
      outputs.push(await t.client.readResource({ uri }).then((r) => JSON.stringify(r), (e: Error) => e.message));
    }
    await new Promise((r) => setTimeout(r, 50)); // let the last notifications arrive

    expect(outputs.length).toBeGreaterThan(tools.length * 7);
    expect(stderr.length).toBeGreaterThan(50);
    expect(notifications.length).toBeGreaterThan(10);
    // The refresh really happened, so rotated tokens are among the secrets searched for.
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    const haystacks = { outputs: outputs.join('\n'), stderr: stderr.join('\n'), notifications: notifications.join('\n') };
    for (const secret of secrets) {
      for (const [where, text] of Object.entries(haystacks)) expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
    }
    // The echo paths were really exercised (and redacted, not dropped).
    expect(haystacks.outputs).toContain('[REDACTED]');
  }, 120_000);
});

describe('secrets over HTTP: bearer tokens never appear in answers or logs', () => {
  it('start-up line, refused requests, a foreign session and a tool call leak no token', async () => {
    const lines: string[] = [];
    const alice = 'alice-RECOGNISABLE-5e0c7d1a9b';
    const bob = 'bob-RECOGNISABLE-2f6a8c3e4d';
    const t = await startHttp({ env: { ZALO_MCP_HTTP_TOKENS: `alice:${alice},bob:${bob}`, ZALO_MCP_HTTP_TOKEN: '' }, log: createLogger('debug', (l) => lines.push(l)) });
    const answers: string[] = [];
    try {
      const init = await post(t.url, initialize(), bearer(alice));
      const sid = init.headers.get('mcp-session-id')!;
      answers.push(await init.text());
      for (const [token, session] of [[bob, sid], ['wrong-RECOGNISABLE-token-123', sid], [alice, sid]] as const) {
        const res = await post(t.url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }, { ...bearer(token), 'mcp-session-id': session });
        answers.push(JSON.stringify([res.status, [...res.headers], await messages(res).catch(() => [])]));
      }
      expect(answers.at(-1)).toContain('oa_id');
    } finally {
      await t.close();
    }
    expect(lines.some((l) => l.includes('bearer token required (alice, bob)'))).toBe(true);
    for (const secret of [alice, bob, 'wrong-RECOGNISABLE-token-123']) {
      expect(answers.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
    }
  });
});
