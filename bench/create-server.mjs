#!/usr/bin/env node
// Cost of building one MCP server over the shared runtime (HTTP does it per session, and per
// request in --stateless mode). Prints one JSON line per figure; run `npm run build` first.
import { startRuntime } from '../dist/runtime.js';
import { createServer } from '../dist/server.js';
import { silentLogger } from '../dist/log.js';

const RUNS = 200;
for (const toolsets of ['default', 'all']) {
  const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOOLSETS: toolsets }, dotenvPath: null, log: silentLogger });
  const first = performance.now();
  await createServer(runtime).close();
  const firstMs = performance.now() - first;
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await createServer(runtime).close();
  const perServer = (performance.now() - start) / RUNS;
  console.log(JSON.stringify({ figure: 'create_server_ms', toolsets, first_ms: +firstMs.toFixed(2), mean_ms: +perServer.toFixed(2), runs: RUNS }));
  await runtime.close();
}
