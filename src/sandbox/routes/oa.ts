/** OA profile and menu (openapi /v2.0/oa/getoa). */
import type { Route } from '../router.js';

export const oaRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/getoa',
    handle: ({ oa }) => ({ ...oa.profile, num_follower: [...oa.followers.values()].filter((f) => f.is_follower).length }),
  },
];
