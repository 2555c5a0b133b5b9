#!/usr/bin/env node
// Token refresh figures; run `npm run build` first. Prints one JSON line per figure:
// - refresh requests Zalo sees per access-token expiry when 3 processes sharing one token file
//   make 200 concurrent calls each across the expiry (the goal is exactly 1), and failed calls;
// - the window between Zalo's OAuth answer and the pair being safe: in the journal (survives a
//   kill) and durably renamed into the token file (survives power loss: fsync, rename, fsync dir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setup, stormTrial } from '../scripts/token-faults/trials.mjs';
import { loadConfig, withSandboxUrls } from '../dist/config.js';
import { startSandbox } from '../dist/sandbox/server.js';
import { ZaloClient } from '../dist/zalo/client.js';
import { FileTokenStore } from '../dist/zalo/token-store.js';
import { TokenManager } from '../dist/zalo/tokens.js';

const STORMS = Number(process.env.STORMS ?? 3);
const REFRESHES = Number(process.env.REFRESHES ?? 40);
const line = (name, value, unit, extra = {}) => console.log(JSON.stringify({ name, value, unit, ...extra }));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const perExpiry = [];
let failed = 0;
for (let i = 0; i < STORMS; i++) {
  const env = await setup();
  try {
    const r = await stormTrial(env, { procs: 3, calls: 200 });
    perExpiry.push(r.refreshes);
    failed += r.failed;
  } finally {
    await env.close();
  }
}
line('refresh_storm_requests_per_expiry', Math.max(...perExpiry), 'requests', { trials: STORMS, per_trial: perExpiry, processes: 3, calls_per_process: 200 });
line('refresh_storm_failed_calls', failed, 'calls', { trials: STORMS });

// The window, in process: the real client's grant and the real file store, timed at their seams.
const sim = await startSandbox();
const tokenDir = mkdtempSync(join(tmpdir(), 'zalo-bench-refresh-'));
const tokenFile = join(tokenDir, 'tokens.json');
const config = withSandboxUrls(loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: tokenFile }, dotenvPath: null }), sim.origin);
const client = new ZaloClient(config);
const file = new FileTokenStore(tokenFile);
let answeredAt = 0;
const toJournal = [];
const store = {
  load: (alias) => file.load(alias),
  save: (alias, t) => file.save(alias, t),
  withRefreshLock: (alias, fn) => file.withRefreshLock(alias, (s) => fn({
    current: s.current,
    save: (t) => {
      const saving = s.save(t); // the journal write is synchronous, before the first await
      toJournal.push(performance.now() - answeredAt);
      return saving;
    },
  })),
};
const account = config.accounts.find((a) => a.isDefault);
const tm = new TokenManager(account, store, (a, rt) => client['refreshGrant'](a, rt).then((pair) => { answeredAt = performance.now(); return pair; }));
const toRename = [];
for (let i = 0; i < REFRESHES; i++) {
  await tm.replaceInvalid(await tm.accessToken());
  toRename.push(tm.lastStoreMs);
}
await sim.close();
const r2 = (x) => Math.round(x * 1000) / 1000;
line('refresh_answer_to_journal_p50', r2(pct(toJournal, 50)), 'ms', { p95: r2(pct(toJournal, 95)), max: r2(Math.max(...toJournal)), refreshes: REFRESHES });
line('refresh_answer_to_durable_rename_p50', r2(pct(toRename, 50)), 'ms', { p95: r2(pct(toRename, 95)), max: r2(Math.max(...toRename)), refreshes: REFRESHES });
rmSync(tokenDir, { recursive: true, force: true });
