/**
 * Temp folders for tests: each one made here is removed after its test file (test/cleanup.ts, a
 * setup file of every project), so a run leaves nothing behind even when a test fails mid-way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTempDir } from '../src/temp.js';

const made: string[] = [];
const configDirs: string[] = [];

/** mkdtemp under the OS temp folder, removed after this test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A sandbox Config made by loadConfig alone owns a temp folder that runtime.close() or the
 * process's exit would remove; a test worker is ended without 'exit', so it goes after the file.
 */
export function disposable<T extends { tempDir?: string }>(config: T): T {
  if (config.tempDir) configDirs.push(config.tempDir);
  return config;
}

/** Remove every folder tempDir() and disposable() took so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const dir of configDirs.splice(0)) removeTempDir(dir);
}
