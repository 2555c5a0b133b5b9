#!/usr/bin/env node
// Throughput of `--http` in session mode and in `--stateless` mode with 50 concurrent connections
// (50 clients, each calling oa_get_profile in a loop). The server is the built CLI in a child
// process on the sandbox, so the load generator does not share its event loop. Prints one JSON
// line per figure; `npm run build` first. DURATION_MS (default 5000) per mode.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent } from 'undici';

const CONNECTIONS = 50;
const DURATION_MS = Number(process.env.DURATION_MS ?? 5000);
const TOKEN = 'bench-token-0123456789abcdef';
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${TOKEN}` };
const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } };
const callBody = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } });

async function startServer(stateless) {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-'));
  const args = [resolve('dist/index.js'), '--http', '--sandbox', '--port', '0', ...(stateless ? ['--stateless'] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ZALO_MCP_HTTP_TOKEN: TOKEN, ZALO_TOKEN_FILE: join(dir, 'tokens.json') }, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(err);
      if (m) ok(m[1]);
    });
    child.on('exit', () => fail(new Error(`server exited: ${err}`)));
    setTimeout(() => fail(new Error(`no URL on stderr: ${err}`)), 15_000);
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop };
}

async function run(stateless) {
  const server = await startServer(stateless);
  const dispatcher = new Agent({ connections: CONNECTIONS });
  const post = (body, sid) => fetch(server.url, { method: 'POST', headers: sid ? { ...headers, 'mcp-session-id': sid } : headers, body, dispatcher });
  const sessions = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    if (stateless) sessions.push(undefined);
    else {
      const res = await post(JSON.stringify(init));
      await res.text();
      sessions.push(res.headers.get('mcp-session-id'));
    }
  }
  // Warm-up: the first call refreshes the token.
  await (await post(callBody(0), sessions[0])).text();
  let done = 0;
  let failed = 0;
  const latencies = [];
  const end = performance.now() + DURATION_MS;
  await Promise.all(sessions.map(async (sid, c) => {
    for (let i = 0; performance.now() < end; i++) {
      const t0 = performance.now();
      const text = await (await post(callBody(c * 1e6 + i), sid)).text();
      latencies.push(performance.now() - t0);
      if (text.includes('"oa_id"')) done++;
      else failed++;
    }
  }));
  latencies.sort((a, b) => a - b);
  const mode = stateless ? 'stateless' : 'sessions';
  console.log(JSON.stringify({ name: `http_throughput_${mode}`, value: +(done / (DURATION_MS / 1000)).toFixed(1), unit: 'calls/s', connections: CONNECTIONS, failed }));
  console.log(JSON.stringify({ name: `http_p95_latency_${mode}`, value: +latencies[Math.floor(latencies.length * 0.95)].toFixed(1), unit: 'ms', connections: CONNECTIONS }));
  await dispatcher.close();
  await server.stop();
}

await run(false);
await run(true);
