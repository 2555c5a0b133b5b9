/**
 * Read an upload source from the local disk, only inside the configured upload roots
 * (ZALO_UPLOAD_ROOTS). `..` and symlinks are resolved before the check, so neither
 * `root/../etc/passwd` nor a symlink inside a root pointing outside it gets through. The file
 * read is the file checked: after opening, the path is resolved and checked again and must name
 * the very file (device + inode) we hold open, so swapping a directory for a symlink between the
 * check and the open is caught.
 */
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { ZaloInputError } from '../zalo/errors.js';
import { mb } from './kinds.js';

const OUTSIDE_HINT = 'Put the file inside one of the directories listed in ZALO_UPLOAD_ROOTS, or pass url or base64.';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  // `..notes.pdf` is a file in the root; only a `..` path segment leaves it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function realRoots(roots: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roots) out.push(await realpath(r).catch(() => resolve(r)));
  return out;
}

/** Read `path` (absolute, or relative to the first root) if it lies inside a root; at most maxBytes. */
export async function readLocalLimited(path: string, roots: string[], maxBytes: number): Promise<{ bytes: Buffer; filename: string }> {
  if (roots.length === 0) {
    throw new ZaloInputError('path cannot be used: no upload roots are configured', 'Set ZALO_UPLOAD_ROOTS to the directories the server may read (`:`-separated), or pass url or base64.');
  }
  const lexical = isAbsolute(path) ? resolve(path) : resolve(roots[0]!, path);
  const rootsReal = await realRoots(roots);
  // First a lexical check (no file-system access outside the roots), then the real one.
  if (![...roots.map((r) => resolve(r)), ...rootsReal].some((r) => inside(r, lexical))) throw new ZaloInputError(`path ${path} is outside the upload roots`, OUTSIDE_HINT);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new ZaloInputError(`path ${path} does not exist`, 'Check the file name; relative paths start at the first upload root.');
  }
  if (!rootsReal.some((r) => inside(r, real))) {
    throw new ZaloInputError(`path ${path} resolves (through a symlink) to a file outside the upload roots`, OUTSIDE_HINT);
  }
  // O_NONBLOCK: a FIFO must not hang the server; O_NOFOLLOW: the last component cannot become a symlink.
  const handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)).catch(() => {
    throw new ZaloInputError(`path ${path} cannot be read`, 'Check the file permissions.');
  });
  try {
    const info = await handle.stat();
    // Re-check after opening (TOCTOU): the path must still resolve inside a root, to the file we hold.
    const again = await realpath(real).catch(() => '');
    const named = again ? await stat(again).catch(() => undefined) : undefined;
    if (!again || !rootsReal.some((r) => inside(r, again)) || named?.ino !== info.ino || named?.dev !== info.dev) {
      throw new ZaloInputError(`path ${path} changed while it was being checked (it now leads outside the upload roots or to another file)`, OUTSIDE_HINT);
    }
    if (!info.isFile()) throw new ZaloInputError(`path ${path} is not a regular file`, 'Pass the path of a file, not a directory.');
    // A hard link has no "real path" to check: the same inode may also be /etc/shadow or another
    // user's file linked into a root. Nothing tells where the other names are, so any file with
    // more than one name is refused; a copy (one name) is always fine.
    if (info.nlink > 1) {
      throw new ZaloInputError(`path ${path} is a hard link (the file has ${info.nlink} names), which is refused because its other names may lie outside the upload roots`, 'Copy the file into the upload root (cp, not ln) and pass the copy.');
    }
    if (info.size > maxBytes) throw new ZaloInputError(`file ${basename(real)} is ${mb(info.size)}, larger than ${mb(maxBytes)}`, `Zalo accepts at most ${mb(maxBytes)} here: compress or resize the file first.`);
    // Read at most one byte over the limit, in case the file grew after stat().
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size >= buffer.length) break;
    }
    if (size > maxBytes) throw new ZaloInputError(`file ${basename(real)} is larger than ${mb(maxBytes)}`, `Zalo accepts at most ${mb(maxBytes)} here.`);
    return { bytes: buffer.subarray(0, size), filename: basename(lexical) };
  } finally {
    await handle.close();
  }
}
