/**
 * The .mcpb bundle as Claude Desktop runs it: manifest.json's mcp_config with the user's answers
 * substituted. Ticking "Try with the built-in simulator" and leaving every Zalo field empty must
 * give a working server; leaving it unticked must say what is missing (issue 13, item 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
};
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Substitute ${__dirname} and ${user_config.x} as the host does (unset fields become empty). */
function run(answers: Record<string, string | boolean>, input: string) {
  const home = mkdtempSync(join(tmpdir(), 'zalo-bundle-'));
  dirs.push(home);
  const fill = (v: string) => v.replace('${__dirname}', resolve('.')).replace(/\$\{user_config\.(\w+)\}/g, (_, k: string) => String(answers[k] ?? ''));
  const { args, env } = manifest.server.mcp_config;
  return spawnSync(process.execPath, args.map(fill), {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])) },
    input, encoding: 'utf8', timeout: 15_000,
  });
}

const lines = (...messages: object[]) => messages.map((m) => JSON.stringify(m)).join('\n') + '\n';
const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bundle', version: '1' } } };

describe('bundle config', () => {
  it('"Try with the built-in simulator" with every Zalo field empty serves the sample shop', () => {
    const r = run({ sandbox: true, toolsets: 'default', read_only: false }, lines(
      INIT, { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } },
    ));
    expect(r.status, r.stderr).toBe(0);
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { name: string } } });
    expect(answers.find((a) => a.id === 2)!.result.structuredContent!.name).toBe('Hoa Sen Boutique');
  });

  it('unticked and empty: one line saying the app id is missing and that the simulator needs none', () => {
    const r = run({ sandbox: false, toolsets: 'default', read_only: false }, '');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^zalo-oa-mcp: ZALO_APP_ID is missing: .*--sandbox/);
  });
});
