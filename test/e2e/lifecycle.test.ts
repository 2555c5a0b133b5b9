/**
 * The built server's life cycle from outside (issue 13, items 1, 2, 4): it exits promptly when
 * its client closes stdin, on SIGINT/SIGTERM and on a start-up error, and leaves nothing in the
 * temp folder. Each child gets a TMPDIR (and HOME) of its own, so tests running in parallel on
 * the same machine cannot disturb the count.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const entry = resolve('dist/index.js');
const dirs: string[] = [];
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  // A failing test must not leave a server running on the shared machine.
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function scratch(): { tmp: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'zalo-lifecycle-'));
  dirs.push(root);
  const tmp = mkdtempSync(join(root, 'tmp-'));
  const home = mkdtempSync(join(root, 'home-'));
  return { tmp, home };
}

const leftovers = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith('zalo-'));

interface Run {
  child: ReturnType<typeof spawn>;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  waitFor(pattern: RegExp): Promise<void>;
}

function start(args: string[], where: { tmp: string; home: string }, env: Record<string, string> = {}, script = entry): Run {
  const started = Date.now();
  const child = spawn(process.execPath, [script, ...args], {
    cwd: where.home,
    env: { PATH: process.env.PATH ?? '', HOME: where.home, TMPDIR: where.tmp, ZALO_LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, ms: Date.now() - started })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor: (pattern) =>
      new Promise((ok, fail) => {
        const timer = setInterval(() => {
          if (pattern.test(err) || pattern.test(out)) { clearInterval(timer); ok(); }
        }, 20);
        void exit.then(() => { clearInterval(timer); if (!pattern.test(err) && !pattern.test(out)) fail(new Error(`exited before ${pattern}: ${err}`)); });
      }),
  };
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'lifecycle', version: '1' } } };

describe('stdio --sandbox exits when its input closes', () => {
  it('with stdin at EOF from the start (</dev/null): promptly, code 0, no temp folder left', async () => {
    const where = scratch();
    const run = start(['--sandbox'], where);
    run.child.stdin!.end();
    const { code, ms } = await run.exit;
    expect(code).toBe(0);
    expect(run.stderr()).toMatch(/sandbox Zalo simulator on/);
    expect(ms).toBeLessThan(5_000);
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('after answering the requests it had already read', async () => {
    const where = scratch();
    const run = start(['--sandbox'], where);
    const lines = [INIT, { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }];
    run.child.stdin!.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { code } = await run.exit;
    expect(code).toBe(0);
    const answers = run.stdout().trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { name: string } } });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[1]!.result.structuredContent!.name).toBe('Hoa Sen Boutique');
    expect(leftovers(where.tmp)).toEqual([]);
  });
});

describe('no temp folder survives any exit path', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stdio --sandbox stopped with ${signal}`, async () => {
      const where = scratch();
      const run = start(['--sandbox'], where);
      await run.waitFor(/ready on stdio/);
      expect(leftovers(where.tmp)).toHaveLength(1); // the sandbox's throwaway token store, while running
      run.child.kill(signal);
      const { ms } = await run.exit;
      expect(ms).toBeLessThan(10_000);
      expect(leftovers(where.tmp)).toEqual([]);
    });
  }

  it('--http --sandbox stopped with SIGTERM', async () => {
    const where = scratch();
    const run = start(['--http', '--sandbox', '--port', '0'], where);
    await run.waitFor(/listening|http:\/\/127\.0\.0\.1:\d+\/mcp/i);
    run.child.kill('SIGTERM');
    await run.exit;
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('a start-up error after the sandbox started (unknown toolset)', async () => {
    const where = scratch();
    const run = start(['--sandbox', '--toolsets', 'mesages'], where);
    const { code } = await run.exit;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/unknown toolset "mesages" \(did you mean "messages"\?\)/);
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('the demo (which starts its own server)', async () => {
    const where = scratch();
    const run = start([], where, {}, resolve('dist/demo.js'));
    run.child.stdin!.end();
    const { code } = await run.exit;
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toContain('The reply in the history');
    expect(leftovers(where.tmp)).toEqual([]);
  }, 40_000);

  it('login --sandbox interrupted while waiting for the browser', async () => {
    const where = scratch();
    const run = start(['login', '--sandbox', '--no-open', '--port', '0'], where);
    await run.waitFor(/Waiting for Zalo/);
    run.child.kill('SIGINT');
    await run.exit;
    expect(leftovers(where.tmp)).toEqual([]);
  });
});

describe('login --sandbox, then accounts --sandbox', () => {
  it('share one sandbox token store (not a throwaway file, never the real tokens.json)', async () => {
    const where = scratch();
    const login = start(['login', '--sandbox', '--no-open', '--port', '0'], where);
    await login.waitFor(/Waiting for Zalo/);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/v4\/oa\/permission\?\S+)/.exec(login.stderr())![1]!;
    const answer = await fetch(url); // the simulator approves and redirects to login's callback
    expect(answer.status).toBe(200);
    expect((await login.exit).code).toBe(0);
    expect(login.stderr()).toMatch(/Logged in: OA "shop".*sandbox-tokens\.json/);

    const accounts = start(['accounts', '--sandbox', '--json'], where);
    accounts.child.stdin!.end();
    expect((await accounts.exit).code).toBe(0);
    const rows = JSON.parse(accounts.stdout()) as Array<{ alias: string; token_source: string }>;
    expect(rows.find((r) => r.alias === 'shop')!.token_source).toBe('store');
    expect(readdirSync(join(where.home, '.config', 'zalo-oa-mcp'))).toEqual(['sandbox-tokens.json']);
    expect(leftovers(where.tmp)).toEqual([]);
  });
});
