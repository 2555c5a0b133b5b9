#!/usr/bin/env node
/**
 * What tools/list and results cost a model, in o200k tokens (bench/tokens.mjs): model-visible
 * (name + description + input schema) and whole entries per tool, for all tools and the default
 * selection, with one OA configured (the common case); the reference servers' whole entries per
 * tool as baselines; and the text of two typical results against their JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, note, referenceServers, spawnMcp } from './lib.mjs';
import { countTokens } from './tokens.mjs';

const dir = mkdtempSync(join(tmpdir(), 'zalo-bench-tokens-'));
const REAL = { ZALO_APP_ID: '1', ZALO_APP_SECRET: 'bench-secret', ZALO_REFRESH_TOKEN: 'bench-refresh', ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_ACCOUNTS_FILE: '', ZALO_SANDBOX: '' };

async function listTools(args, env) {
  const c = spawnMcp(process.execPath, args, env);
  await c.initialize();
  const { tools } = await c.request('tools/list');
  await c.close();
  return tools;
}
const visible = (t) => countTokens(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
const whole = (t) => countTokens(JSON.stringify(t));
const avg = (tools, f) => tools.reduce((s, t) => s + f(t), 0) / tools.length;

const all = await listTools(['dist/index.js'], { ...REAL, ZALO_TOOLSETS: 'all' });
const defaults = await listTools(['dist/index.js'], { ...REAL, ZALO_TOOLSETS: 'default' });
const refs = referenceServers();
const baselines = [];
if (refs) {
  for (const [name, args, env] of [['reference filesystem server', [refs.filesystem, dir], {}], ['reference memory server', [refs.memory], { MEMORY_FILE_PATH: join(dir, 'm.jsonl') }]]) {
    const tools = await listTools(args, env);
    baselines.push({ name, value: avg(tools, whole) });
  }
} else note('tokens: reference servers skipped (quick mode does not install them)');

figure('tools_list_model_visible_per_tool', avg(all, visible), 'tokens', null, { tools: all.length, goal: '≤ 150' });
figure('tools_list_entry_per_tool', avg(all, whole), 'tokens', baselines[0] ?? null, { tools: all.length, goal: '≤ 260' });
if (baselines[1]) figure('tools_list_entry_per_tool_vs_memory', avg(all, whole), 'tokens', baselines[1]);
const largest = all.reduce((a, b) => (whole(b) > whole(a) ? b : a));
figure('tools_list_largest_entry', whole(largest), 'tokens', null, { tool: largest.name, goal: '≤ 400' });
figure('tools_list_default_selection', countTokens(JSON.stringify(defaults)), 'tokens', null, { tools: defaults.length });
const two = await listTools(['dist/index.js', '--sandbox'], { ZALO_TOOLSETS: 'all', ZALO_TOKEN_FILE: join(dir, 'sandbox.json') });
figure('tools_list_entry_per_tool_two_oas', avg(two, whole), 'tokens', null, { note: 'two OAs: each tool also shows the oa enum' });

// Results: the text copy against the JSON a plain server would send as text.
const sb = spawnMcp(process.execPath, ['dist/index.js', '--sandbox'], { ZALO_TOOLSETS: 'all', ZALO_TOKEN_FILE: join(dir, 'sandbox2.json') });
await sb.initialize();
const ids = await sb.request('tools/call', { name: 'followers_list', arguments: { count: 50 } });
const recent = await sb.request('tools/call', { name: 'conversations_list_recent', arguments: { count: 10 } });
for (const [name, r] of [['followers_list_50', ids], ['conversations_list_recent_10', recent]]) {
  const json = { name: 'JSON text', value: countTokens(JSON.stringify(r.structuredContent)) };
  figure(`result_text_${name}`, countTokens(r.content[0].text), 'tokens', json, { note: 'structuredContent stays whole' });
}
await sb.close();
rmSync(dir, { recursive: true, force: true });
