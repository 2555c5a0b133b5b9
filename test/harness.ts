/**
 * createTestContext(): a fresh simulator on 127.0.0.1:0, a server configured against it, and a
 * real MCP client linked through the SDK's in-memory transport. Tests assert what the client
 * sees and what the simulator received. The server runs on the simulator's clock (runtime.now),
 * so `sim.advance()` moves both; close() removes the context's temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Config } from '../src/config.js';
import { startRuntime, type Runtime } from '../src/runtime.js';
import type { StartSandboxOptions } from '../src/sandbox/server.js';
import type { Sandbox } from '../src/sandbox/server.js';
import { createServer } from '../src/server.js';
import { silentLogger, type Logger } from '../src/log.js';
import type { ZaloClientOptions } from '../src/zalo/client.js';

export interface TestContext {
  client: Client;
  sim: Sandbox;
  runtime: Runtime;
  config: Config;
  /** Call a tool; returns the raw result. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Call a tool that must succeed; returns its structuredContent. */
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Call a tool that must fail; returns its error text. */
  fail(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export interface TestContextOptions {
  /** Extra environment variables (ZALO_TOOLSETS, ZALO_READ_ONLY, ...). */
  env?: Record<string, string>;
  sandbox?: StartSandboxOptions;
  override?: (config: Config) => Config;
  /** The runtime's logger (default: silent). */
  log?: Logger;
  /** ZaloClient options on top of the harness's short retry delay (e.g. maxResponseBytes). */
  client?: ZaloClientOptions;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-oa-mcp-test-'));
  const runtime = await startRuntime({
    env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_TOOLSETS: 'all', ...options.env },
    dotenvPath: null,
    log: options.log ?? silentLogger,
    sandboxOptions: options.sandbox,
    clientOptions: { retryBaseMs: 5, ...options.client },
    override: options.override,
  });
  const server = createServer(runtime);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);

  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;
  return {
    client,
    sim: runtime.sandbox!,
    runtime,
    config: runtime.config,
    call,
    async ok(name, args) {
      const r = await call(name, args);
      if (r.isError) throw new Error(`${name} failed unexpectedly: ${text(r)}`);
      return r.structuredContent as never;
    },
    async fail(name, args) {
      const r = await call(name, args);
      if (!r.isError) throw new Error(`${name} succeeded but should have failed: ${text(r)}`);
      return text(r);
    },
    async close() {
      try {
        await client.close();
        await server.close();
        await runtime.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The text of a resource's first content (our resources are JSON text, never blobs). */
export function resourceText(r: ReadResourceResult): string {
  const first = r.contents[0];
  if (!first || !('text' in first)) throw new Error(`resource ${first?.uri ?? ''} has no text content`);
  return first.text;
}
