#!/usr/bin/env node
/**
 * Standard-tooling check of the built server (CI runs it after the tests; needs `npm run build`):
 *  1. `--http --sandbox` on a free loopback port, no token → the MCP conformance suite with the
 *     committed baseline (conformance/expected-failures.yml);
 *  2. `--http --stateless --sandbox` with ZALO_MCP_HTTP_TOKEN → the MCP Inspector CLI lists the
 *     tools and calls one, sending the bearer token.
 * Every server started here is killed on the way out, whatever happens.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.13';
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const children = new Set();

function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

/** Start the server; resolves with its /mcp URL once it logs where it listens. */
function startServer(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/index.js'), '--http', '--sandbox', '--host', '127.0.0.1', '--port', '0', ...args], {
      cwd: root,
      env: { ...process.env, ZALO_TOKEN_FILE: '', ZALO_ACCOUNTS_FILE: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(child);
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${log}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /Streamable HTTP on (http:\/\/\S+\/mcp)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
}

/** Run an npx tool with a time limit; returns stdout, throws on failure. */
function npx(pkg, args, { timeoutMs = 300_000, echo = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['-y', pkg, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (echo) process.stdout.write(c);
    });
    child.stderr.on('data', (c) => {
      if (!/^npm warn/m.test(String(c))) process.stderr.write(c);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(Object.assign(new Error(`${pkg} ${args[0] ?? ''} failed (${signal ?? `exit ${code}`})`), { output: out }));
    });
  });
}

async function main() {
  const url = await startServer([]);
  process.stderr.write(`conformance against ${url}\n`);
  // The suite's own "Total: N passed, M failed" line would read like a test-runner verdict in CI
  // logs, so its report goes to a file and only the verdict against the baseline is printed.
  const report = join(root, 'conformance', 'last-run.txt');
  try {
    const out = await npx(CONFORMANCE, ['server', '--url', url, '--expected-failures', join(root, 'conformance/expected-failures.yml')], { echo: false });
    writeFileSync(report, out);
    const scenarios = out.split('\n').filter((l) => /^[✓✗] /.test(l)).length;
    process.stderr.write(`conformance: ${scenarios} scenarios run; every failure is in the baseline (report: conformance/last-run.txt)\n`);
  } catch (e) {
    if (e.output) process.stderr.write(e.output);
    throw e;
  }

  const token = randomBytes(24).toString('hex');
  const statelessUrl = await startServer(['--stateless'], { ZALO_MCP_HTTP_TOKEN: token });
  const auth = ['--transport', 'http', '--header', `Authorization: Bearer ${token}`];
  const listed = JSON.parse(await npx(INSPECTOR, ['--cli', statelessUrl, ...auth, '--method', 'tools/list'], { echo: false }));
  if (!listed.tools?.some((t) => t.name === 'oa_get_profile')) throw new Error('inspector tools/list: oa_get_profile missing');
  const called = JSON.parse(await npx(INSPECTOR, ['--cli', statelessUrl, ...auth, '--method', 'tools/call', '--tool-name', 'oa_get_profile'], { echo: false }));
  if (called.isError || !called.structuredContent?.oa_id) throw new Error(`inspector tools/call oa_get_profile failed: ${JSON.stringify(called).slice(0, 500)}`);
  process.stderr.write(`inspector: ${listed.tools.length} tools listed; oa_get_profile → ${called.structuredContent.name}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`conformance: ${e.message}\n`);
    process.exit(1);
  },
);
