/**
 * Drives a node child that speaks one JSON object per stdout line and takes commands on stdin:
 * the token-fault and PostgreSQL-fault trials both start their processes through it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Start `script` with `args` (and `env` on top of ours); `label` names it when it exits before a line the caller waits for. */
export function jsonChild(script, args, label, env = {}) {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const messages = [];
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const waiters = [];
  createInterface({ input: proc.stdout }).on('line', (l) => {
    try { messages.push(JSON.parse(l)); } catch { return; }
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  /** The first line with `key` set, waiting for it; throws if the child exits first. */
  const waitFor = async (key) => {
    for (;;) {
      const found = messages.find((m) => m[key]);
      if (found) return found;
      const gone = await Promise.race([new Promise((r) => waiters.push(() => r(false))), exited.then(() => true)]);
      if (gone && !messages.find((m) => m[key])) throw new Error(`${label} exited before "${key}": ${stderr.slice(0, 500)}`);
    }
  };
  return { proc, waitFor, exited, send: (line) => proc.stdin.write(line + '\n'), stderr: () => stderr };
}
