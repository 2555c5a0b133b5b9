import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';

export const oaGetProfile = defineTool({
  name: 'oa_get_profile',
  toolset: 'oa',
  title: 'Get OA profile',
  description: 'Name, description, verification, follower count and package (tier) of the Official Account.',
  input: {},
  output: {
    oa_id: z.string(),
    name: z.string(),
    description: z.string(),
    avatar: z.string(),
    cover: z.string(),
    is_verified: z.boolean().nullable(),
    num_follower: z.number().nullable(),
    package_name: z.string().nullable(),
  },
  annotations: READ,
  handler: async (_args, { zalo }) => {
    const p = await zalo.oa.profile();
    return {
      oa_id: p.oa_id, name: p.name, description: p.description, avatar: p.avatar, cover: p.cover, is_verified: p.is_verified ?? null, num_follower: p.num_follower ?? null,
      package_name: p.package_name ?? null,
    };
  },
});
