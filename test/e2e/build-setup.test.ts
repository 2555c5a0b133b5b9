/**
 * `npm test` builds once in its global setup; a broken build must stop the run with the
 * compiler's message (issue 13, item 7), never let the CLI tests skip or run a stale dist/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../global-setup.js';

let dir: string | undefined;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = undefined; });

describe('global setup build', () => {
  it('throws with the type error when the build fails', () => {
    dir = mkdtempSync(join(tmpdir(), 'zalo-build-'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['bad.ts'] }));
    writeFileSync(join(dir, 'bad.ts'), 'export const n: number = "not a number";\n');
    expect(() => build('tsconfig.json', dir)).toThrow(/the build \(tsc -p tsconfig\.json\) failed, so no test ran:[\s\S]*bad\.ts.*error TS2322/);
  });

  it('passes quietly when it compiles', () => {
    dir = mkdtempSync(join(tmpdir(), 'zalo-build-'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['ok.ts'] }));
    writeFileSync(join(dir, 'ok.ts'), 'export const n: number = 1;\n');
    expect(() => build('tsconfig.json', dir)).not.toThrow();
  });
});
