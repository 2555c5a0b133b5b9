/**
 * Temporary folders this process creates (the sandbox's throwaway token store, the demo's).
 * Each is removed when its owner closes and, whatever happens, when the process exits: a
 * sandbox start must leave nothing in /tmp, even after an error or a signal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const owned = new Set<string>();

function removeAll(): void {
  for (const dir of owned) removeTempDir(dir);
}

/** mkdtemp under the OS temp folder, removed on removeTempDir() or at process exit. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (owned.size === 0) process.on('exit', removeAll);
  owned.add(dir);
  return dir;
}

export function removeTempDir(dir: string | undefined): void {
  if (dir === undefined || !owned.delete(dir)) return;
  rmSync(dir, { recursive: true, force: true });
  if (owned.size === 0) process.off('exit', removeAll);
}

/**
 * SIGINT/SIGTERM/SIGHUP would end the process without 'exit' handlers; turn them into an orderly
 * exit (stop, then exit 130/143/129) unless a server has installed its own shutdown.
 */
export function exitOnSignals(stop: () => Promise<void> = async () => undefined): () => void {
  let stopping = false;
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const code = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal];
    const handler = () => {
      if (stopping) return;
      stopping = true;
      void stop().catch(() => undefined).finally(() => process.exit(code));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}
