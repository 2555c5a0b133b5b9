/** Every route family of the simulator. Each family lives in its own file. */
import type { Route } from '../router.js';
import { oaRoutes } from './oa.js';
import { oauthRoutes } from './oauth.js';

export const ALL_ROUTES: Route[] = [...oauthRoutes, ...oaRoutes];
