/** store routes of the simulator. */
import type { Route } from '../router.js';

export const storeRoutes: Route[] = [];
