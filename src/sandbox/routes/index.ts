/** Every route family of the simulator. Each family lives in its own file. */
import type { Route } from '../router.js';
import { articlesRoutes } from './articles.js';
import { callsRoutes } from './calls.js';
import { conversationsRoutes } from './conversations.js';
import { followersRoutes } from './followers.js';
import { mediaRoutes } from './media.js';
import { messagesRoutes } from './messages.js';
import { oaRoutes } from './oa.js';
import { oauthRoutes } from './oauth.js';
import { storeRoutes } from './store.js';
import { tagsRoutes } from './tags.js';
import { znsRoutes } from './zns.js';

export const ALL_ROUTES: Route[] = [
  ...oauthRoutes, ...oaRoutes, ...followersRoutes, ...tagsRoutes, ...conversationsRoutes, ...messagesRoutes,
  ...mediaRoutes, ...articlesRoutes, ...storeRoutes, ...znsRoutes, ...callsRoutes,
];
