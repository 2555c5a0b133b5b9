/**
 * Typed Zalo endpoints per domain, bound to one OA. Tool handlers call these, never raw paths.
 */
import type { ZaloClient } from '../client.js';
import { articlesEndpoints } from './articles.js';
import { callsEndpoints } from './calls.js';
import { conversationsEndpoints } from './conversations.js';
import { createPhoneCache, followersEndpoints, type PhoneCache } from './followers.js';
import { mediaEndpoints } from './media.js';
import { messagesEndpoints } from './messages.js';
import { oaEndpoints } from './oa.js';
import type { OaRequest } from './request.js';
import { storeEndpoints } from './store.js';
import { tagsEndpoints } from './tags.js';
import { znsEndpoints } from './zns.js';

export type { OaRequest } from './request.js';

/** Caches the endpoints share across calls; one set per runtime, on the runtime's clock. */
export interface ZaloCaches {
  phones: PhoneCache;
}

export function createZaloCaches(now: () => number): ZaloCaches {
  return { phones: createPhoneCache(now) };
}

export function createZaloApi(client: ZaloClient, oa?: string, signal?: AbortSignal, caches?: ZaloCaches) {
  const request: OaRequest = (opts) => client.request({ ...opts, oa, signal });
  return {
    oa: oaEndpoints(request),
    followers: followersEndpoints(request, oa, caches?.phones),
    tags: tagsEndpoints(request),
    conversations: conversationsEndpoints(request),
    messages: messagesEndpoints(request),
    media: mediaEndpoints(request),
    articles: articlesEndpoints(request),
    store: storeEndpoints(request),
    zns: znsEndpoints(request),
    calls: callsEndpoints(request),
  };
}

export type ZaloApi = ReturnType<typeof createZaloApi>;
