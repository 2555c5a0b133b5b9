#!/usr/bin/env node
// followers_search over N indexed followers: p50/p95 of the store query the tool runs (name
// words, phone forms, tag, city, missing fields), target p50 ≤ 5 ms. Run `npm run build` first.
// Usage: node bench/followers-search.mjs [--followers 20000] [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSeededState } from '../dist/sandbox/seed/index.js';
import { foldWords, phoneQuery } from '../dist/store/normalize.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { figure, pct, QUICK } from './lib.mjs';

const { values } = parseArgs({ options: { followers: { type: 'string' }, quick: { type: 'boolean' } } });
const n = Number(values.followers ?? (QUICK ? 2000 : 20_000));
const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-search-'));
try {
  const store = await openSqliteStore(join(dir, 'store.sqlite'));
  const oa = [...createSeededState({ followers: n }).oas.values()].find((o) => o.account.isDefault);
  const people = [...oa.followers.values()];
  const records = people.map((f) => ({
    userId: f.user_id, displayName: f.display_name, isFollower: f.is_follower, lastInteraction: f.last_interaction_ms, tags: [...f.tags],
    name: f.shared_info?.name, phone: f.shared_info?.phone, address: f.shared_info?.address, city: f.shared_info?.city, profileAt: 1, updatedAt: 1,
  }));
  for (let i = 0; i < records.length; i += 1000) await store.putFollowers('shop', records.slice(i, i + 1000));
  const queries = [];
  for (let i = 0; i < (QUICK ? 100 : 1000); i++) {
    const p = people[(i * 7919) % people.length];
    const kind = i % 6;
    queries.push({
      oa: 'shop', offset: 0, count: 20,
      ...(kind === 0 ? { nameWords: foldWords(p.display_name) } : {}),
      ...(kind === 1 ? { nameWords: foldWords(p.display_name.split(' ').pop()) } : {}),
      ...(kind === 2 && p.shared_info?.phone ? { phone: phoneQuery(`0${p.shared_info.phone.slice(2)}`) } : {}),
      ...(kind === 3 ? { phone: phoneQuery(`09${i % 10}`) } : {}),
      ...(kind === 4 ? { tag: 'VIP', city: 'ha noi' } : {}),
      ...(kind === 5 ? { missing: ['phone'], isFollower: true } : {}),
    });
  }
  const times = [];
  for (const q of queries) {
    const t0 = performance.now();
    await store.searchFollowers(q);
    times.push(performance.now() - t0);
  }
  figure('followers_search_p50', pct(times, 50), 'ms', null, { followers: n, queries: queries.length, p95_ms: +pct(times, 95).toFixed(3), target: '<= 5' });
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
