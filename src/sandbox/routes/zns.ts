/** zns routes of the simulator. */
import type { Route } from '../router.js';

export const znsRoutes: Route[] = [];
