#!/usr/bin/env node
/**
 * Memory under a long run: RSS of the stdio server after N1 and N2 sequential-in-batches calls
 * (50 in flight) against the simulator. The rate budget is raised for this run only
 * (ZALO_RATE_PER_MINUTE), or 50k calls would take 12 minutes at Zalo's 4,000 a minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, QUICK, rssMb, spawnMcp } from './lib.mjs';
import { startUpstream } from './upstream.mjs';

const [N1, N2] = QUICK ? [1_000, 3_000] : [10_000, 50_000];
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-mem-'));
const up = await startUpstream();
const ours = spawnMcp(process.execPath, ['--expose-gc', 'dist/index.js'], { ...up.serverEnv(join(dir, 'tokens.json')), ZALO_RATE_PER_MINUTE: '1000000' });
await ours.initialize();

let done = 0;
async function callsUpTo(n) {
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (done < n) {
      done++;
      const r = await ours.request('tools/call', { name: 'followers_list', arguments: { count: 50 } });
      if (r.isError) throw new Error(r.content[0].text);
    }
  }));
}

if (rssMb(ours.child.pid) === null) {
  figure('rss_growth', 0, 'MB', null, { note: 'not measured: needs Linux /proc' });
} else {
  await callsUpTo(N1);
  const at1 = rssMb(ours.child.pid);
  await callsUpTo(N2);
  const at2 = rssMb(ours.child.pid);
  figure(`rss_after_${N1}_calls`, at1, 'MB');
  figure(`rss_after_${N2}_calls`, at2, 'MB');
  figure(`rss_growth_${N1}_to_${N2}_calls`, at2 - at1, 'MB', null, { goal: '≤ 20 MB from 10k to 50k calls' });
}
await ours.close();
await up.close();
rmSync(dir, { recursive: true, force: true });
