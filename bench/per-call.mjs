#!/usr/bin/env node
/**
 * Per call, against a keep-alive upstream (the simulator in its own process): latency p50 of a
 * tools/call over stdio against the same request made directly with undici; server CPU per call
 * against the upstream's own; throughput at 50 concurrent calls. The one-tool SDK server making
 * the same upstream call shows the floor the protocol itself sets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs, figure, pct, QUICK, spawnMcp } from './lib.mjs';
import { startUpstream } from './upstream.mjs';

const SEQ = QUICK ? 50 : 1000;
const CONC = QUICK ? 100 : 1500; // with SEQ and WARM, within Zalo's 4,000 requests a minute, which the limiter enforces
const WIDTH = 50;
const WARM = QUICK ? 10 : 100;

const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-call-'));
const up = await startUpstream();

async function latencies(call, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    out.push(performance.now() - t);
  }
  return out;
}

async function throughput(call, n, width) {
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next++ < n) await call();
  }));
  return n / ((performance.now() - t) / 1000);
}

const ours = spawnMcp(process.execPath, ['dist/index.js'], up.serverEnv(join(dir, 'tokens.json')));
await ours.initialize();
const callOurs = async () => {
  const r = await ours.request('tools/call', { name: 'oa_get_profile', arguments: {} });
  if (r.isError) throw new Error(r.content[0].text);
};
const one = spawnMcp(process.execPath, ['bench/baseline/one-tool-server.mjs'], { UPSTREAM_URL: up.urls.openapi, UPSTREAM_TOKEN: up.token });
await one.initialize();
const callOne = () => one.request('tools/call', { name: 'get_profile', arguments: {} });

for (const f of [callOurs, callOne, up.direct]) await latencies(f, WARM);

// Interleave in blocks so a noisy neighbour hits all three alike.
const lat = { ours: [], one: [], direct: [] };
const cpu = { ours: 0, up: 0, one: 0 };
for (let b = 0; b < 10; b++) {
  const n = Math.ceil(SEQ / 10);
  const c0 = cpuMs(ours.child.pid), u0 = cpuMs(up.child.pid);
  lat.ours.push(...(await latencies(callOurs, n)));
  cpu.ours += cpuMs(ours.child.pid) - c0;
  cpu.up += cpuMs(up.child.pid) - u0;
  const o0 = cpuMs(one.child.pid);
  lat.one.push(...(await latencies(callOne, n)));
  cpu.one += cpuMs(one.child.pid) - o0;
  lat.direct.push(...(await latencies(up.direct, n)));
}
const p = (k) => pct(lat[k], 50);
const direct = { name: 'direct undici', value: p('direct') };
figure('call_latency_p50', p('ours'), 'ms', direct, { calls: lat.ours.length });
figure('call_overhead_p50', p('ours') - p('direct'), 'ms', null, { goal: '≤ 0.3 ms over direct undici' });
figure('call_overhead_p50_one_tool_server', p('one') - p('direct'), 'ms', null, { note: 'the same call through the one-tool SDK server: the stdio + protocol floor' });
if (cpuMs(ours.child.pid) !== null) {
  figure('server_cpu_per_call', cpu.ours / lat.ours.length, 'ms', { name: 'upstream (simulator) CPU per call', value: cpu.up / lat.ours.length }, { goal: '≤ 2× upstream' });
  figure('server_cpu_per_call_one_tool_server', cpu.one / lat.one.length, 'ms', { name: 'upstream (simulator) CPU per call', value: cpu.up / lat.ours.length });
}

const tDirect = await throughput(up.direct, CONC, WIDTH);
const tOurs = await throughput(callOurs, CONC, WIDTH);
const tOne = await throughput(callOne, CONC, WIDTH);
figure('throughput_50_concurrent', tOurs, 'calls/s', { name: 'direct undici', value: tDirect }, { calls: CONC, goal: '≥ 0.8× direct undici' });
figure('throughput_50_concurrent_one_tool_server', tOne, 'calls/s', { name: 'direct undici', value: tDirect });

await ours.close();
await one.close();
await up.close();
rmSync(dir, { recursive: true, force: true });
