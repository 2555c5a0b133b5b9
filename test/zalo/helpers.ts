/**
 * ZaloClient-level fixtures: a real simulator on 127.0.0.1:0, a sandbox configuration pointed at
 * it with its own token file, and a client whose log lines are captured. No mocks of our code.
 */
import { join } from 'node:path';
import { loadConfig, withSandboxUrls, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type Sandbox, type StartSandboxOptions } from '../../src/sandbox/server.js';
import { ZaloClient, type RequestOptions, type ZaloClientOptions } from '../../src/zalo/client.js';
import type { ZaloError } from '../../src/zalo/errors.js';
import { tempDir } from '../tmp.js';

export interface ClientFixture {
  sim: Sandbox;
  config: Config;
  client: ZaloClient;
  tokenFile: string;
  /** Every log line the client wrote (level debug and up). */
  lines: string[];
  /** A new client over the same config and token file (a "restart"). */
  restart(options?: ZaloClientOptions): ZaloClient;
  close(): Promise<void>;
}

export interface FixtureOptions {
  env?: Record<string, string>;
  client?: ZaloClientOptions;
  sandbox?: StartSandboxOptions;
  /** Reuse a running simulator (several clients on one Zalo). */
  sim?: Sandbox;
}

export async function clientFixture(options: FixtureOptions = {}): Promise<ClientFixture> {
  const sim = options.sim ?? (await startSandbox(options.sandbox));
  const tokenFile = join(tempDir('zalo-client-test-'), 'tokens.json');
  const config = withSandboxUrls(
    loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile, ...options.env }, dotenvPath: null }),
    sim.origin,
  );
  const lines: string[] = [];
  const log = createLogger('debug', (l) => lines.push(l));
  const make = (o?: ZaloClientOptions) => new ZaloClient(config, { retryBaseMs: 5, log, ...options.client, ...o });
  return {
    sim,
    config,
    client: make(),
    tokenFile,
    lines,
    restart: make,
    close: async () => {
      if (!options.sim) await sim.close();
    },
  };
}

/** GET /v2.0/oa/getoa: a read that exists in the simulator. */
export function getoa<T = Record<string, unknown>>(client: ZaloClient, extra: Partial<RequestOptions<T>> = {}): Promise<T> {
  return client.request<T>({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa', ...extra });
}

/** POST /v2.0/oa/tag/tagfollower: a write that exists in the simulator. */
export function tagFollower(client: ZaloClient, userId: string, extra: Partial<RequestOptions> = {}): Promise<unknown> {
  return client.request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/tag/tagfollower', body: { user_id: userId, tag_name: 'vip-test' }, ...extra });
}

/** The `delay_ms` of each "retrying read" debug line. */
export function retryDelays(lines: string[]): number[] {
  return lines
    .filter((l) => l.includes('retrying read'))
    .map((l) => (JSON.parse(l.slice(l.indexOf('{'))) as { delay_ms: number }).delay_ms);
}

/** The ZaloError a call fails with (fails the test when it succeeds). */
export async function caught(p: Promise<unknown>): Promise<ZaloError> {
  try {
    await p;
  } catch (e) {
    return e as ZaloError;
  }
  throw new Error('expected the call to fail');
}
