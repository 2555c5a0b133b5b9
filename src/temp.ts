/**
 * Temporary folders this process creates (the sandbox's throwaway token store, the demo's).
 * Each is removed when its owner closes and, whatever happens, when the process exits: a
 * sandbox start must leave nothing in /tmp, even after an error or a signal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const owned = new Set<string>();

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

function removeAll(): void {
  for (const dir of owned) removeTempDir(dir);
}

/**
 * A signal ends the process without 'exit' handlers. While folders are owned and nobody else
 * (a server's graceful shutdown) listens for the signal, remove them and exit as the signal would.
 */
const fallbacks = Object.entries(SIGNALS).map(([signal, n]) => {
  const handler = () => {
    if (process.listenerCount(signal) > 1) return;
    removeAll();
    process.exit(128 + n);
  };
  return [signal, handler] as const;
});

/** mkdtemp under the OS temp folder, removed on removeTempDir() or at process exit. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (owned.size === 0) {
    process.on('exit', removeAll);
    for (const [signal, handler] of fallbacks) process.on(signal, handler);
  }
  owned.add(dir);
  return dir;
}

export function removeTempDir(dir: string | undefined): void {
  if (dir === undefined || !owned.delete(dir)) return;
  rmSync(dir, { recursive: true, force: true });
  if (owned.size === 0) {
    process.off('exit', removeAll);
    for (const [signal, handler] of fallbacks) process.off(signal, handler);
  }
}

/** Stop (e.g. close an MCP client and its child server), then exit as the signal would. */
export function exitOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const [signal, n] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop().catch(() => undefined).finally(() => process.exit(128 + n));
    });
  }
}
