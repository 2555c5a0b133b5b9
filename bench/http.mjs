#!/usr/bin/env node
/**
 * Streamable HTTP at 50 clients, session and stateless modes: throughput of tools/call against
 * the one-tool SDK server making the same upstream call; and whether a call costs more with many
 * idle sessions open. Both servers run as children on 127.0.0.1 against the simulator.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { figure, pct, QUICK, ROOT } from './lib.mjs';
import { startUpstream } from './upstream.mjs';

const CALLS = QUICK ? 100 : 1500;
const CLIENTS = 50;
const IDLE = QUICK ? 20 : 500;
const SEQ = QUICK ? 30 : 300;

const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-http-'));
const up = await startUpstream();

function startServer(args, env, pattern) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start in 20 s: ${log}`)); }, 20_000);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
    child.stderr.on('data', (d) => {
      log += d;
      const m = pattern.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: new URL(m[1]) });
      }
    });
  });
}

/** A minimal Streamable HTTP client (JSON or SSE answers), one per simulated MCP client. */
function client(pool, url, stateless) {
  let session;
  let id = 0;
  const post = async (body) => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
    if (session) headers['mcp-session-id'] = session;
    const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: JSON.stringify(body) });
    session ??= res.headers['mcp-session-id'];
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}: ${text}`);
    if (!text) return undefined;
    const data = text.startsWith('{') ? text : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('');
    return data ? JSON.parse(data) : undefined;
  };
  return {
    async init() {
      if (stateless) return;
      await post({ jsonrpc: '2.0', id: ++id, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } });
      await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    },
    async call(name) {
      const r = await post({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: {} } });
      if (!r?.result || r.result.isError) throw new Error(JSON.stringify(r));
    },
  };
}

async function run(server, tool, stateless) {
  const pool = new Pool(server.url.origin, { connections: CLIENTS });
  const clients = Array.from({ length: CLIENTS }, () => client(pool, server.url, stateless));
  await Promise.all(clients.map((c) => c.init()));
  await Promise.all(clients.map((c) => c.call(tool))); // warm
  let next = 0;
  const t = performance.now();
  await Promise.all(clients.map(async (c) => { while (next++ < CALLS) await c.call(tool); }));
  const rate = CALLS / ((performance.now() - t) / 1000);
  await pool.close();
  return rate;
}

async function sequentialP50(server, tool) {
  const pool = new Pool(server.url.origin, { connections: 1 });
  const c = client(pool, server.url, false);
  await c.init();
  const times = [];
  for (let i = 0; i < SEQ; i++) {
    const t = performance.now();
    await c.call(tool);
    times.push(performance.now() - t);
  }
  await pool.close();
  return pct(times, 50);
}

const OURS = /Streamable HTTP on (http:\/\/\S+\/mcp)/;
const ONE = /listening on (http:\/\/\S+\/mcp)/;
const oneEnv = { UPSTREAM_URL: up.urls.openapi, UPSTREAM_TOKEN: up.token };
for (const mode of ['sessions', 'stateless']) {
  const flag = mode === 'stateless' ? ['--stateless'] : [];
  const ours = await startServer(['dist/index.js', '--http', '--host', '127.0.0.1', '--port', '0', ...flag], { ...up.serverEnv(join(dir, "tokens.json")), ZALO_LOG_LEVEL: 'info' }, OURS);
  const one = await startServer(['bench/baseline/one-tool-server.mjs', '--http', '0', ...flag], oneEnv, ONE);
  // Like for like: ours answers on an SSE stream per request (progress and log notifications
  // during a call need it); the baseline answers JSON unless told --sse.
  const sse = await startServer(['bench/baseline/one-tool-server.mjs', '--http', '0', '--sse', ...flag], oneEnv, ONE);
  const base = await run(one, 'get_profile', mode === 'stateless');
  const rate = await run(ours, 'oa_get_profile', mode === 'stateless');
  const baseSse = await run(sse, 'get_profile', mode === 'stateless');
  figure(`http_${mode}_50_clients`, rate, 'calls/s', { name: 'one-tool SDK server', value: base }, { calls: CALLS, goal: '≥ 0.8× one-tool' });
  figure(`http_${mode}_50_clients_vs_sse`, rate, 'calls/s', { name: 'one-tool SDK server answering on SSE', value: baseSse }, { calls: CALLS, note: 'like for like: both answer on an SSE stream' });
  if (mode === 'sessions') {
    const quiet = await sequentialP50(ours, 'oa_get_profile');
    const pool = new Pool(ours.url.origin, { connections: 10 });
    const idle = Array.from({ length: IDLE }, () => client(pool, ours.url, false));
    for (let i = 0; i < IDLE; i += 10) await Promise.all(idle.slice(i, i + 10).map((c) => c.init()));
    const busy = await sequentialP50(ours, 'oa_get_profile');
    figure(`http_call_p50_with_${IDLE}_idle_sessions`, busy, 'ms', { name: 'no idle sessions', value: quiet }, { goal: 'ratio ≈ 1' });
    await pool.close();
  }
  for (const s of [ours, one, sse]) s.child.kill('SIGTERM');
}
await up.close();
rmSync(dir, { recursive: true, force: true });
