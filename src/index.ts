#!/usr/bin/env node
/**
 * CLI entry: `zalo-oa-mcp [--sandbox]` serves MCP over stdio. stdout is the protocol, so
 * everything human-readable goes to stderr.
 */
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError } from './config.js';
import { startRuntime } from './runtime.js';
import { createServer } from './server.js';
import { redact } from './zalo/redact.js';

const USAGE = `Usage: zalo-oa-mcp [--sandbox]        MCP server over stdio
Options:
  --sandbox      use the embedded Zalo simulator (no credentials needed)
  -h, --help     show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    allowPositionals: true,
    options: {
      sandbox: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE + '\n');
    return;
  }
  const runtime = await startRuntime({ sandbox: values.sandbox || undefined });
  const server = createServer(runtime);
  const transport = new StdioServerTransport();
  const shutdown = async () => {
    await server.close().catch(() => undefined);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  transport.onclose = () => void shutdown();
  await server.connect(transport);
  runtime.log.info(`ready on stdio (default OA: ${runtime.config.defaultOa})`);
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError ? e.message : `fatal: ${(e as Error).message ?? String(e)}`;
  process.stderr.write(`zalo-oa-mcp: ${redact(message)}\n`);
  process.exit(1);
});
