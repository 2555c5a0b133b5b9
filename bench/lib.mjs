/**
 * Shared by the bench scripts: figures as JSON lines, quick mode, percentiles, a raw JSON-RPC
 * client over a child's stdio (no SDK client, so the client's own cost stays small and equal for
 * every server measured), and the reference servers installed into a temporary folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Quick mode (CI): small counts, so the scripts run end to end without measuring anything precisely. */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** Print one figure: `{name, value, unit, baseline, ratio}` (baseline/ratio null when there is none). */
export function figure(name, value, unit, baseline = null, extra = {}) {
  const round = (n) => (n === null || n === undefined ? null : Math.abs(n) >= 100 ? Math.round(n) : +n.toFixed(n >= 10 ? 1 : 3));
  const ratio = baseline ? value / baseline.value : null;
  const line = { name, value: round(value), unit, baseline: baseline ? `${baseline.name} ${round(baseline.value)} ${unit}` : null, ratio: ratio === null ? null : +ratio.toFixed(2), ...extra };
  process.stdout.write(JSON.stringify(line) + '\n');
  return line;
}

export function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** A child process speaking newline-delimited JSON-RPC on stdio. */
export function spawnMcp(command, args, env = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map();
  let buf = '';
  let stderr = '';
  let nextId = 1;
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line);
      const p = pending.get(msg.id);
      if (p) {
        pending.delete(msg.id);
        msg.error ? p.reject(new Error(JSON.stringify(msg.error))) : p.resolve(msg.result);
      }
    }
  });
  const exited = new Promise((r) => child.on('exit', r));
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`server exited (${code}): ${stderr.slice(-2000)}`));
  });
  const send = (msg) => child.stdin.write(JSON.stringify(msg) + '\n');
  return {
    child,
    request(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ jsonrpc: '2.0', id, method, params });
      });
    },
    async initialize() {
      const r = await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } });
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      return r;
    },
    async close() {
      child.stdin.end();
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
    get stderr() {
      return stderr;
    },
  };
}

/** CPU time (user + system) a child has used so far, in ms (Linux /proc; null elsewhere). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((+fields[11] + +fields[12]) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Resident set size of a process, in MB (Linux /proc; null elsewhere). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? +m[1] / 1024 : null;
  } catch {
    return null;
  }
}

export const REFERENCE_SERVERS = { filesystem: '@modelcontextprotocol/server-filesystem@2026.8.31', memory: '@modelcontextprotocol/server-memory@2026.8.31' };

/**
 * The reference servers, installed once into a temporary folder (reused by later runs). Returns
 * their entry files, or null when installing is not possible or not wanted (quick mode).
 */
export function referenceServers({ install = !QUICK } = {}) {
  const dir = join(tmpdir(), 'zalo-oa-mcp-bench-reference');
  const entry = (pkg) => {
    const pj = join(dir, 'node_modules', pkg, 'package.json');
    if (!existsSync(pj)) return null;
    const bin = JSON.parse(readFileSync(pj, 'utf8')).bin;
    return join(dir, 'node_modules', pkg, typeof bin === 'string' ? bin : Object.values(bin)[0]);
  };
  const names = Object.keys(REFERENCE_SERVERS).map((k) => `@modelcontextprotocol/server-${k}`);
  if (names.some((n) => !entry(n))) {
    if (!install) return null;
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--silent', '--save-exact', ...Object.values(REFERENCE_SERVERS)], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    } catch (e) {
      process.stderr.write(`reference servers not installed: ${e.message}\n`);
      return null;
    }
  }
  return { filesystem: entry(names[0]), memory: entry(names[1]), dir };
}

export function note(text) {
  process.stdout.write(JSON.stringify({ note: text }) + '\n');
}

/**
 * POST `total` signed webhooks with `concurrency` senders over one keep-alive agent:
 * `event(i)` gives `{ url, raw, signature }`. Returns events per second and the status counts.
 */
export async function postWebhooks(total, concurrency, event) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = ({ url, raw, signature }) => new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), 'x-zevent-signature': signature };
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(raw);
  });
  let next = 0;
  const statuses = {};
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const code = await post(event(next++));
        statuses[code] = (statuses[code] ?? 0) + 1;
      }
    }));
    return { perSecond: total / ((performance.now() - t0) / 1000), statuses };
  } finally {
    agent.destroy();
  }
}
