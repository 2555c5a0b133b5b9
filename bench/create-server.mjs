#!/usr/bin/env node
// Cost of building one MCP server over the shared runtime: HTTP does it per session, and per
// request in --stateless mode. Run `npm run build` first.
import { startRuntime } from '../dist/runtime.js';
import { createServer } from '../dist/server.js';
import { silentLogger } from '../dist/log.js';
import { figure, QUICK } from './lib.mjs';

const RUNS = QUICK ? 20 : 300;
for (const toolsets of ['default', 'all']) {
  const runtime = await startRuntime({ env: { ZALO_SANDBOX: '1', ZALO_TOOLSETS: toolsets }, dotenvPath: null, log: silentLogger });
  const first = performance.now();
  await createServer(runtime).close();
  const firstMs = performance.now() - first;
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await createServer(runtime).close();
  figure(`create_server_${toolsets}`, (performance.now() - start) / RUNS, 'ms', null, { first_ms: +firstMs.toFixed(1), runs: RUNS });
  await runtime.close();
}
