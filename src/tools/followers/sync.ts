import { z } from 'zod';
import { storeFor } from '../../store/index.js';
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
    // Replicas on one database: one syncs, the others wait and report its counts.
    return store.exclusive ? (await store.exclusive(ctx.oa, 'followers_sync', run)).value : run();
  },
});
