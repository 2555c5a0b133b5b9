/**
 * Typed Zalo endpoints per domain, bound to one OA. Tool handlers call these, never raw paths.
 */
import type { Logger } from '../../log.js';
import type { ZaloClient } from '../client.js';
import type { AbortLike } from '../deadline.js';
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

const GROUPS = {
  oa: (r: OaRequest) => oaEndpoints(r),
  followers: (r: OaRequest, oa?: string, caches?: ZaloCaches) => followersEndpoints(r, oa, caches?.phones),
  tags: (r: OaRequest) => tagsEndpoints(r),
  conversations: (r: OaRequest) => conversationsEndpoints(r),
  messages: (r: OaRequest) => messagesEndpoints(r),
  media: (r: OaRequest) => mediaEndpoints(r),
  articles: (r: OaRequest) => articlesEndpoints(r),
  store: (r: OaRequest) => storeEndpoints(r),
  zns: (r: OaRequest) => znsEndpoints(r),
  calls: (r: OaRequest) => callsEndpoints(r),
};

export type ZaloApi = { readonly [K in keyof typeof GROUPS]: ReturnType<(typeof GROUPS)[K]> };

const REQUEST = Symbol('request');
const OA = Symbol('oa');
const CACHES = Symbol('caches');
type Bound = { [REQUEST]: OaRequest; [OA]?: string; [CACHES]?: ZaloCaches };

/** Shared getters: a group is built on first use and then kept on the instance. */
const PROTOTYPE = Object.create(null) as object;
for (const [name, make] of Object.entries(GROUPS)) {
  Object.defineProperty(PROTOTYPE, name, {
    enumerable: true,
    get(this: Bound) {
      const group = make(this[REQUEST], this[OA], this[CACHES]);
      Object.defineProperty(this, name, { value: group, enumerable: true });
      return group;
    },
  });
}

/**
 * The endpoints bound to one OA and one call's signal (and logger). Made per tool call, so no group is built
 * until used: a call touches one or two of the ten (issue 14: per-call overhead).
 */
export function createZaloApi(client: ZaloClient, oa?: string, signal?: AbortLike, caches?: ZaloCaches, log?: Logger): ZaloApi {
  const api: ZaloApi & Bound = Object.create(PROTOTYPE);
  api[REQUEST] = (opts) => client.request({ ...opts, oa, signal, log });
  api[OA] = oa;
  api[CACHES] = caches;
  return api;
}
