/**
 * The file read must be the file checked: a directory swapped for a symlink between the path
 * check and the open must not leak a file from outside the upload roots. The race is made
 * deterministic by hooking realpath (the swap happens right after the check resolved the path).
 */
import { mkdirSync, renameSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readUploadSource } from '../../src/uploads/index.js';
import { files, put, tempRoots } from './fixtures.js';

type Hook = (path: string, nth: number) => void;
const hook = vi.hoisted(() => ({ before: undefined as Hook | undefined, after: undefined as Hook | undefined, calls: new Map<string, number>() }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:fs/promises')>();
  const realpath = (async (p: string, ...rest: never[]) => {
    const n = (hook.calls.get(String(p)) ?? 0) + 1;
    hook.calls.set(String(p), n);
    hook.before?.(String(p), n);
    const out = await orig.realpath(p, ...rest);
    hook.after?.(String(p), n);
    return out;
  }) as typeof orig.realpath;
  return { ...orig, realpath, default: { ...orig, realpath } };
});

const spec = { kinds: ['png'] as const, maxBytes: 10_000, what: 'image' };

/** root/sub/photo.png (inside, 100 bytes) and outside/photo.png (another file, 777 bytes). */
function setup() {
  const dirs = tempRoots();
  mkdirSync(join(dirs.root, 'sub'));
  put(join(dirs.root, 'sub'), 'photo.png', files.png(100));
  put(dirs.outside, 'photo.png', files.png(777));
  const swap = () => { renameSync(join(dirs.root, 'sub'), join(dirs.root, 'sub-real')); symlinkSync(dirs.outside, join(dirs.root, 'sub')); };
  const unswap = () => { unlinkSync(join(dirs.root, 'sub')); renameSync(join(dirs.root, 'sub-real'), join(dirs.root, 'sub')); };
  const read = () => readUploadSource({ path: join(dirs.root, 'sub', 'photo.png') }, spec, { config: { uploadRoots: [dirs.root], sandbox: true, timeoutMs: 1000 } });
  return { target: join(dirs.root, 'sub', 'photo.png'), swap, unswap, read };
}

describe('local uploads are TOCTOU-safe', () => {
  beforeEach(() => { hook.before = hook.after = undefined; hook.calls.clear(); });

  it('reads the checked file when nothing changes', async () => {
    expect((await setup().read()).bytes.byteLength).toBe(100);
  });

  it('refuses a directory swapped for a symlink out of the root after the check', async () => {
    const d = setup();
    hook.after = (p, n) => { if (p === d.target && n === 1) d.swap(); };
    await expect(d.read()).rejects.toThrow(/changed while it was being checked/);
  });

  it('refuses when the swap is undone before the re-check: the open file is not the checked one', async () => {
    const d = setup();
    hook.after = (p, n) => { if (p === d.target && n === 1) d.swap(); };
    hook.before = (p, n) => { if (p === d.target && n === 2) d.unswap(); };
    await expect(d.read()).rejects.toThrow(/changed while it was being checked/);
  });
});
