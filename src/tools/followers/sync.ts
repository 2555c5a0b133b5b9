import { z } from 'zod';
import { storeFor } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { ZaloError } from '../../zalo/errors.js';
import { defineTool, READ } from '../define-tool.js';
import { runSync } from './sync-run.js';

export const followersSync = defineTool({
  name: 'followers_sync',
  toolset: 'followers',
  title: 'Sync follower index',
  description:
    'Copy every follower profile into the local index followers_search reads (one paced Zalo call per profile, with progress). Resumes an interrupted sync; later runs read only new and recently active followers.',
  input: {
    full: z.boolean().default(false).describe('Re-read every profile'),
    max_profiles: z.number().int().min(1).max(100_000).default(100_000).describe('Stop after this many reads; call again to resume'),
  },
  output: {
    mode: z.enum(['full', 'incremental']),
    resumed: z.boolean(),
    followers_listed: z.number(),
    profiles_read: z.number(),
    profiles_gone: z.number(),
    remaining: z.number(),
    index_size: z.number(),
  },
  // Changes nothing on Zalo (only the server's own index), so it stays available in read-only mode.
  annotations: READ,
  handler: async ({ full, max_profiles }, ctx) => {
    const store = await storeFor(ctx.config);
    const run = () => runSync(store, ctx, { full, maxProfiles: max_profiles });
    // Replicas on one database: one syncs, the others wait (bounded) and report its counts.
    return store.exclusive ? (await store.exclusive(ctx.oa, 'followers_sync', run, { busy: () => syncBusy(store, ctx.oa) })).value : run();
  },
});

/** Another replica's sync outlasted the wait: say how far it is (it checkpoints in the shared store). */
export async function syncBusy(store: Store, oa: string): Promise<ZaloError> {
  const [state, queued, index] = await Promise.all([store.getSync(oa), store.queuedCount(oa), store.indexInfo(oa)]).catch(() => []);
  const progress = !state ? '' : state.phase === 'list'
    ? ` (listing followers: ${state.listOffset} of ${state.listTotal || '?'}; ${index?.profiles ?? 0} profiles indexed)`
    : ` (reading profiles: ${queued ?? '?'} left; ${index?.profiles ?? 0} indexed)`;
  return new ZaloError(`followers_sync is already running for OA "${oa}" on another replica${progress}`, {
    kind: 'unavailable',
    retryable: true,
    hint: 'Call followers_sync again in a minute to get its result; followers_search already searches the profiles indexed so far.',
  });
}
