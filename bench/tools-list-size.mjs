#!/usr/bin/env node
// Prints the size of tools/list per toolset selection, one JSON line per figure (run `npm run build` first).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { startRuntime } from '../dist/runtime.js';
import { createServer } from '../dist/server.js';
import { silentLogger } from '../dist/log.js';
import { TOOLSETS } from '../dist/tools/registry.js';
import { countTokens } from './tokens.mjs';

const selections = ['default', 'all', ...TOOLSETS.map((t) => t.name)];
for (const selection of selections) {
  const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOOLSETS: selection }, dotenvPath: null, log: silentLogger });
  const server = createServer(runtime);
  const client = new Client({ name: 'bench', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(b), client.connect(a)]);
  const { tools } = await client.listTools();
  const json = JSON.stringify(tools);
  console.log(JSON.stringify({ figure: 'tools_list_size', selection, tools: tools.length, bytes: json.length, tokens_o200k: countTokens(json) }));
  await client.close();
  await runtime.close();
}
