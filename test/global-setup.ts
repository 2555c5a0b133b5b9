/**
 * Once per `vitest run`: build dist/ as `npm run build` does, tsc then the esbuild bundle the bin
 * runs (the CLI and e2e tests run the built server, so a failed build stops the run here, loudly,
 * instead of tests skipping or testing a stale build), and
 * give the run a temp folder of its own, removed at the end, so no test leaves /tmp/zalo-*.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** tsc -p `project` in `cwd`; a failure throws with the compiler's output, so the run stops. */
export function build(project = 'tsconfig.json', cwd = process.cwd()): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`npm test: the build (tsc -p ${project}) failed, so no test ran:\n${out.stdout ?? ''}${out.stderr ?? ''}`);
  }
}

/** scripts/bundle.mjs: dist/index.js becomes the bundle the bin runs (after tsc wrote its own). */
export function bundle(cwd = process.cwd()): void {
  try {
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`npm test: the bundle (scripts/bundle.mjs) failed, so no test ran:\n${out.stdout ?? ''}${out.stderr ?? ''}`);
  }
}

export default function setup(): () => void {
  // ZALO_TEST_SKIP_BUILD=1 reuses dist/ as it is (a fresh `npm run build` just ran).
  if (process.env.ZALO_TEST_SKIP_BUILD !== '1') {
    build();
    bundle();
  }
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'zalo-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    const left = readdirSync(dir);
    if (left.length) process.stderr.write(`npm test: ${left.length} temp folder(s) left by tests (removed): ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', ...' : ''}\n`);
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
