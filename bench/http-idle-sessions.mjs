#!/usr/bin/env node
// Per-call CPU of the HTTP transport with 0 / 200 / 1,000 idle sessions open (issue 8: logging fanned
// out to every session, 4 ms per call with 0 idle sessions, 33 ms with 990). Server in this process,
// calls over real HTTP; the client's share of the CPU does not depend on the idle sessions, so a
// flat figure means a flat server cost. Prints one JSON line per figure; `npm run build` first.
import { startHttpServer } from '../dist/http/server.js';
import { createLogger } from '../dist/log.js';
import { startRuntime } from '../dist/runtime.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CALLS = Number(process.env.CALLS ?? 300);
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } };

// info level: debug lines are still offered to every log sink, as in production.
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-idle-'));
const runtime = await startRuntime({
  env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: join(dir, 'tokens.json') },
  dotenvPath: null, log: createLogger('info', () => undefined),
});
const http = await startHttpServer(runtime, { port: 0, maxSessions: 2000, maxSessionsPerToken: 2000 });

async function open() {
  const res = await fetch(http.url, { method: 'POST', headers, body: JSON.stringify(init) });
  await res.text();
  return res.headers.get('mcp-session-id');
}
async function call(sid, id) {
  const res = await fetch(http.url, {
    method: 'POST', headers: { ...headers, 'mcp-session-id': sid },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }),
  });
  const text = await res.text();
  if (!text.includes('"oa_id"')) throw new Error(`call failed: ${text.slice(0, 200)}`);
}

const sid = await open();
for (let i = 0; i < 20; i++) await call(sid, i); // warm-up (token refresh, JIT)
for (const idle of [0, 200, 1000]) {
  while (http.sessionCount() < idle + 1) await open();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call(sid, 100 + i);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - start;
  console.log(JSON.stringify({ name: `http_call_cpu_idle_${idle}`, value: +((used.user + used.system) / 1000 / CALLS).toFixed(3), unit: 'ms', idle_sessions: idle, calls: CALLS }));
  console.log(JSON.stringify({ name: `http_call_wall_idle_${idle}`, value: +(wall / CALLS).toFixed(3), unit: 'ms', idle_sessions: idle, calls: CALLS }));
}
await http.close();
await runtime.close();
rmSync(dir, { recursive: true, force: true });
