/**
 * CLI flags on the built entry point (issue 13, item 3): `--version`, and `--toolsets`,
 * `--read-only`, `--dry-run` winning over the environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(args: string[], env: Record<string, string> = {}, input = '') {
  const home = mkdtempSync(join(tmpdir(), 'zalo-flags-'));
  dirs.push(home);
  return spawnSync(process.execPath, [join(process.cwd(), 'dist/index.js'), ...args], {
    cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, ...env }, input, encoding: 'utf8', timeout: 15_000,
  });
}

const session = (...requests: object[]) =>
  [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'flags', version: '1' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' }, ...requests].map((m) => JSON.stringify(m)).join('\n') + '\n';
const answers = (stdout: string) => new Map(stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: any }).map((a) => [a.id, a.result]));

describe('zalo-oa-mcp flags', () => {
  it('--version prints the package version on stdout, and the server reports the same', () => {
    for (const flag of ['--version', '-v']) {
      const r = cli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
    const served = answers(cli(['--sandbox'], {}, session()).stdout);
    expect(served.get(1).serverInfo.version).toBe(pkg.version);
  });

  it('--toolsets and --read-only win over ZALO_TOOLSETS and ZALO_READ_ONLY', () => {
    const r = cli(['--sandbox', '--toolsets', 'Tags', '--read-only'], { ZALO_TOOLSETS: 'all', ZALO_READ_ONLY: '0' }, session({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    expect(r.status, r.stderr).toBe(0);
    expect(answers(r.stdout).get(2).tools.map((t: { name: string }) => t.name)).toEqual(['tags_list']);
  });

  it('--dry-run wins over ZALO_DRY_RUN=0: a send returns its request and reaches no one', () => {
    const r = cli(['--sandbox', '--dry-run'], { ZALO_DRY_RUN: '0' }, session(
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'tags_add_follower', arguments: { user_id: '1234567890', tag: 'VIP' } } },
    ));
    expect(r.status, r.stderr).toBe(0);
    expect(answers(r.stdout).get(2).structuredContent).toMatchObject({ dry_run: true, sent: false });
  });
});
