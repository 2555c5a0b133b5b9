/**
 * Spawning the built server (or demo) from a test: each child gets a TMPDIR and HOME of its own,
 * so tests running in parallel on the same machine cannot disturb a count of temp folders, and
 * a failing test never leaves a child running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export const entry = resolve('dist/index.js');
const dirs: string[] = [];
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  // A failing test must not leave a server running on the shared machine.
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

export function scratch(): { tmp: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'zalo-lifecycle-'));
  dirs.push(root);
  const tmp = mkdtempSync(join(root, 'tmp-'));
  const home = mkdtempSync(join(root, 'home-'));
  return { tmp, home };
}

export const leftovers = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith('zalo-'));

export interface Run {
  child: ReturnType<typeof spawn>;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  waitFor(pattern: RegExp): Promise<void>;
}

export function start(args: string[], where: { tmp: string; home: string }, env: Record<string, string> = {}, script = entry): Run {
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

export const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'lifecycle', version: '1' } } };
