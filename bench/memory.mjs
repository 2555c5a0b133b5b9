#!/usr/bin/env node
/**
 * Memory under a long run: RSS of the stdio server after N1 and N2 sequential-in-batches calls
 * (50 in flight) against the simulator. The rate budget is raised for this run only
 * (ZALO_RATE_PER_MINUTE), or 50k calls would take 12 minutes at Zalo's 4,000 a minute.
 * RSS at a moment is mostly how far V8 has let its heap grow (garbage not yet collected), so a
 * second server, otherwise alike, is measured after a full collection at N1 and N2 (a preload
 * hook answers SIGUSR2 with gc() and process.memoryUsage()): what is still alive.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, QUICK, rssMb, spawnMcp } from './lib.mjs';
import { startUpstream } from './upstream.mjs';

const [N1, N2] = QUICK ? [1_000, 3_000] : [10_000, 50_000];
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-mem-'));
const up = await startUpstream();
const hook = join(dir, 'gc-hook.mjs');
writeFileSync(hook, `process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); process.stderr.write('MEMORY ' + JSON.stringify(process.memoryUsage()) + '\\n'); });\n`);

function start(extra = []) {
  return spawnMcp(process.execPath, ['--expose-gc', ...extra, 'dist/index.js'], { ...up.serverEnv(join(dir, 'tokens.json')), ZALO_RATE_PER_MINUTE: '1000000' });
}

function caller(server) {
  let done = 0;
  return (n) => Promise.all(Array.from({ length: 50 }, async () => {
    while (done < n) {
      done++;
      const r = await server.request('tools/call', { name: 'followers_list', arguments: { count: 50 } });
      if (r.isError) throw new Error(r.content[0].text);
    }
  }));
}

/** process.memoryUsage() of `server` right after two full collections, in MB. */
async function afterGc(server) {
  const seen = server.stderr.length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !server.stderr.slice(seen).includes('MEMORY '); i++) await new Promise((r) => setTimeout(r, 50));
  const line = server.stderr.slice(seen).split('\n').find((l) => l.startsWith('MEMORY '));
  const m = JSON.parse(line.slice(7));
  return { rss: m.rss / 1048576, heapUsed: m.heapUsed / 1048576 };
}

const ours = start();
await ours.initialize();
if (rssMb(ours.child.pid) === null) {
  figure('rss_growth', 0, 'MB', null, { note: 'not measured: needs Linux /proc' });
} else {
  const callsUpTo = caller(ours);
  await callsUpTo(N1);
  const at1 = rssMb(ours.child.pid);
  await callsUpTo(N2);
  const at2 = rssMb(ours.child.pid);
  figure(`rss_after_${N1}_calls`, at1, 'MB');
  figure(`rss_after_${N2}_calls`, at2, 'MB');
  figure(`rss_growth_${N1}_to_${N2}_calls`, at2 - at1, 'MB', null, { goal: '≤ 20 MB from 10k to 50k calls' });
  await ours.close();

  const gced = start(['--import', hook]);
  await gced.initialize();
  const calls = caller(gced);
  await calls(N1);
  const g1 = await afterGc(gced);
  await calls(N2);
  const g2 = await afterGc(gced);
  figure(`live_heap_growth_${N1}_to_${N2}_calls`, g2.heapUsed - g1.heapUsed, 'MB', null, { note: `heap in use after a full GC: ${g1.heapUsed.toFixed(1)} → ${g2.heapUsed.toFixed(1)} MB (a leak shows here)` });
  figure(`rss_growth_after_gc_${N1}_to_${N2}_calls`, g2.rss - g1.rss, 'MB', null, { note: `RSS right after a full GC: ${g1.rss.toFixed(0)} → ${g2.rss.toFixed(0)} MB` });
  await gced.close();
}
await up.close();
rmSync(dir, { recursive: true, force: true });
