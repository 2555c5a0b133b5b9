#!/usr/bin/env node
/**
 * Cold start: spawn → initialize → first tools/list answer, p50 over interleaved runs, for our
 * server (stdio, real mode with placeholder credentials: nothing reaches Zalo before a tool
 * call) and the baselines. Also the server's CPU time to that answer (steadier than wall time on a
 * shared machine) and the RSS right after it. Run `npm run build` first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs, figure, note, pct, QUICK, referenceServers, rssMb, spawnMcp } from './lib.mjs';

const RUNS = QUICK ? 2 : 15;
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-cold-'));
const OURS_ENV = { ZALO_APP_ID: '1', ZALO_APP_SECRET: 'bench-secret', ZALO_REFRESH_TOKEN: 'bench-refresh', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_ACCOUNTS_FILE: '', ZALO_SANDBOX: '' };

const servers = [
  { name: 'zalo-oa-mcp', args: ['dist/index.js'], env: OURS_ENV },
  { name: 'one-tool SDK server', args: ['bench/baseline/one-tool-server.mjs'], env: {} },
];
const refs = referenceServers();
if (refs) {
  servers.push({ name: 'reference filesystem server', args: [refs.filesystem, dir], env: {} });
  servers.push({ name: 'reference memory server', args: [refs.memory], env: { MEMORY_FILE_PATH: join(dir, 'memory.jsonl') } });
} else note('cold start: reference servers skipped (quick mode does not install them)');

const times = new Map(servers.map((s) => [s.name, []]));
const cpu = new Map(servers.map((s) => [s.name, []]));
const rss = new Map(servers.map((s) => [s.name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const s of servers) {
    const start = performance.now();
    const c = spawnMcp(process.execPath, s.args, s.env);
    await c.initialize();
    const { tools } = await c.request('tools/list');
    times.get(s.name).push(performance.now() - start);
    cpu.get(s.name).push(cpuMs(c.child.pid));
    if (!tools.length) throw new Error(`${s.name} listed no tools`);
    await new Promise((r) => setTimeout(r, 50));
    rss.get(s.name).push(rssMb(c.child.pid));
    await c.close();
  }
}
rmSync(dir, { recursive: true, force: true });

const p50 = (name) => ({ name, value: pct(times.get(name), 50) });
const baseline = p50('one-tool SDK server');
figure('cold_start_to_tools_list_p50', p50('zalo-oa-mcp').value, 'ms', baseline, { runs: RUNS, goal: '≤ 1.2× one-tool' });
if (cpu.get('zalo-oa-mcp')[0] !== null) {
  const used = (name) => ({ name, value: pct(cpu.get(name), 50) });
  figure('cold_start_cpu_to_tools_list_p50', used('zalo-oa-mcp').value, 'ms', used('one-tool SDK server'), { note: 'server CPU time (user + system) to the first tools/list answer' });
}
for (const s of servers.slice(1)) figure(`cold_start_${s.name.replaceAll(' ', '_')}_p50`, p50(s.name).value, 'ms');
if (rss.get('zalo-oa-mcp')[0] !== null) {
  const mem = (name) => ({ name, value: pct(rss.get(name), 50) });
  figure('rss_after_start', mem('zalo-oa-mcp').value, 'MB', mem('one-tool SDK server'), { goal: '≤ 1.1× one-tool' });
}
