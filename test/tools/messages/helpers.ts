/** Pick seeded followers by message window (src/sandbox/seed windowOf) for message tests. */
import type { Sandbox } from '../../../src/sandbox/server.js';
import { windowOf, type WindowState } from '../../../src/sandbox/seed/index.js';
import type { Follower } from '../../../src/sandbox/state.js';
import type { TestContext } from '../../harness.js';
import { files } from '../../uploads/fixtures.js';

export interface PickOptions {
  /** Needs a shared phone in the profile. */
  withPhone?: boolean;
  /** Skip this many matches (to get distinct followers). */
  skip?: number;
}

/** A seeded follower of the default OA in `state`, not restricted. */
export function followerIn(sim: Sandbox, state: WindowState, { withPhone = false, skip = 0 }: PickOptions = {}): Follower {
  const matches = [...sim.oa().followers.values()].filter(
    (f, i) => windowOf(i) === state && !f.restricted && (!withPhone || f.shared_info?.phone),
  );
  const f = matches[skip];
  if (!f) throw new Error(`no seeded follower in ${state}`);
  return f;
}

/** Upload a small file through the MCP tool, as a model would before sending it. */
export async function uploaded(t: TestContext, kind: 'image' | 'file'): Promise<string> {
  if (kind === 'image') return (await t.ok('media_upload_image', { base64: files.png(256).toString('base64'), filename: 'a.png' })).attachment_id;
  return (await t.ok('media_upload_file', { base64: files.pdf(512).toString('base64'), filename: 'bao-gia.pdf' })).token;
}

/** 84xxxxxxxxx → 0xxxxxxxxx, the form people type. */
export const localPhone = (phone84: string) => `0${phone84.slice(2)}`;
