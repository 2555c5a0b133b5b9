/**
 * Follower endpoints (ZALO_API.md §2): page of user_ids (GET /v3.0/oa/user/getlist), one
 * profile (GET /v3.0/oa/user/detail), profile update (POST /v3.0/oa/user/update) and a
 * phone → user_id lookup built on top of the first two.
 */
import { z } from 'zod';
import { ZaloApiError, ZaloHttpError } from '../errors.js';
import { TtlCache } from '../ttl-cache.js';
import { tryNormalizePhone } from '../phone.js';
import type { OaRequest } from './request.js';
import { numberish as num, stringish as idString } from './shapes.js';

/** Zalo sends ids and counts as numbers or strings depending on the endpoint and era [I]. */

/** data of GET /v3.0/oa/user/getlist [C path, filters, users]. */
export const followerListSchema = z.looseObject({
  total: num.default(0),
  count: num.optional(),
  offset: num.optional(),
  users: z.array(z.looseObject({ user_id: idString })).default([]),
});
export type FollowerList = z.infer<typeof followerListSchema>;

/** shared_info of a profile: present only once the user submitted info; phone may be a NUMBER [C]. */
export const sharedInfoSchema = z.looseObject({
  name: z.string().optional(),
  phone: idString.optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  /** dd/MM/yyyy [C in 2 clients]. */
  user_dob: z.string().optional(),
});

/** data of GET /v3.0/oa/user/detail [C: typed models in several clients]. */
export const followerDetailSchema = z.looseObject({
  user_id: idString,
  user_id_by_app: idString.optional(),
  user_external_id: z.string().default(''),
  display_name: z.string().default(''),
  user_alias: z.string().default(''),
  is_sensitive: z.boolean().optional(),
  /** dd/MM/yyyy. */
  user_last_interaction_date: z.string().optional(),
  user_is_follower: z.boolean().optional(),
  avatar: z.string().default(''),
  avatars: z.record(z.string(), z.string()).optional(),
  tags_and_notes_info: z
    .looseObject({ tag_names: z.array(z.string()).default([]), notes: z.array(z.string()).default([]) })
    .optional(),
  shared_info: sharedInfoSchema.nullish(),
});
export type FollowerDetail = z.infer<typeof followerDetailSchema>;

/** Filters of user/getlist. `last_interaction_period`: TODAY | YESTERDAY | L7D | L30D | YYYY_MM_DD:YYYY_MM_DD. */
export interface FollowerListQuery {
  offset: number;
  count: number;
  tag_name?: string;
  last_interaction_period?: string;
  is_follower?: boolean;
}

/**
 * Body of POST /v3.0/oa/user/update [I: one CRM client; keys mirror the v2 twin]: shared_info
 * takes city and district as Zalo's integer ids, and has no email.
 */
export interface FollowerUpdateBody {
  user_id: string;
  user_alias?: string;
  shared_info?: {
    name?: string;
    phone?: string;
    address?: string;
    city_id?: number;
    district_id?: number;
    /** dd/MM/yyyy, ≥ 01/01/1970. */
    user_dob?: string;
  };
}

/** Where the update went: user/update (v3) or its v2 twin updatefollowerinfo (no alias, no birthday). */
export type UpdateApi = 'v3' | 'v2';

/**
 * The two paths disagree [X: .NET SDK has POST /v2.0/oa/updatefollowerinfo {user_id,name,phone,
 * address,city_id,district_id}; the docs-derived spec has v3.0 user/update]. We send v3 and fall
 * back to the v2 twin only when Zalo says the v3 path is not there (HTTP 404 or -212/-240).
 */
function v3Missing(err: unknown): boolean {
  if (err instanceof ZaloHttpError) return err.httpStatus === 404;
  return err instanceof ZaloApiError && (err.code === -212 || err.code === -240);
}

/** Zalo's user/getlist refuses offsets above this (ZALO_API.md §4), so one filter reaches ~10,000 users. */
export const MAX_LIST_OFFSET = 9951;

/** How long a phone → user_id match is trusted before it is looked up again. */
const PHONE_CACHE_TTL_MS = 5 * 60_000;
const PAGE = 50;
/** Profile reads in flight at once during a scan (the client's limiter paces them further). */
const SCAN_PARALLEL = 8;

/** phone (84…) → user_id, per OA; lives on the runtime (see createZaloCaches). */
export type PhoneCache = TtlCache<string>;

export function createPhoneCache(now: () => number): PhoneCache {
  return new TtlCache<string>(PHONE_CACHE_TTL_MS, now);
}

function phoneOf(detail: FollowerDetail | undefined): string | undefined {
  const raw = detail?.shared_info?.phone;
  return raw ? tryNormalizePhone(raw) : undefined;
}

/** A user listed a moment ago may be gone when its profile is read (-201): skip it, fail on anything else. */
function skipGone(err: unknown): undefined {
  if (err instanceof ZaloApiError && err.code === -201) return undefined;
  throw err;
}

/**
 * `phones` is shared by every endpoint object of a runtime (tools build one per call); a hit is
 * always re-checked with one user/detail, so a stale entry costs one call, never a wrong answer.
 */
export function followersEndpoints(request: OaRequest, oa = '', phones: PhoneCache = createPhoneCache(Date.now)) {
  const api = {
    /** One page of user_ids with Zalo's own filters; count ≤ 50. */
    list: (query: FollowerListQuery) =>
      request({ api: 'openapi', method: 'GET', path: '/v3.0/oa/user/getlist', data: query, schema: followerListSchema }),

    /** The full profile of one user; Zalo answers -201 "user_id is invalid!" for an unknown user. */
    detail: (userId: string) =>
      request({ api: 'openapi', method: 'GET', path: '/v3.0/oa/user/detail', data: { user_id: userId }, schema: followerDetailSchema }),

    /** Update alias / shared_info (v3, else the v2 twin); Zalo answers `{error, message}` with no data. */
    async update(body: FollowerUpdateBody): Promise<UpdateApi> {
      try {
        await request({ api: 'openapi', method: 'POST', path: '/v3.0/oa/user/update', body });
        return 'v3';
      } catch (err) {
        if (!v3Missing(err) || !body.shared_info) throw err;
        const { user_id, shared_info: { user_dob: _dob, ...shared } } = body;
        await request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/updatefollowerinfo', body: { user_id, ...shared } });
        return 'v2';
      }
    },

    /**
     * The user_id whose shared_info.phone equals `phone84` (84xxxxxxxxx), or undefined. Zalo has no
     * search by phone, so this pages through user/getlist and reads each profile; the local
     * follower index (a later issue) will replace the scan. `onProgress` hears each page (profiles
     * scanned so far, followers in all): a scan of thousands of followers takes a while.
     */
    async findByPhone(phone84: string, onProgress?: (scanned: number, total: number) => Promise<void>): Promise<string | undefined> {
      const key = (phone: string) => `${oa}\u0000${phone}`;
      const hit = phones.get(key(phone84));
      if (hit !== undefined) {
        const still = await api.detail(hit).then(phoneOf, () => undefined);
        if (still === phone84) return hit;
      }
      phones.delete(key(phone84));
      for (let offset = 0; ; offset += PAGE) {
        const page = await api.list({ offset, count: PAGE });
        await onProgress?.(offset, page.total);
        for (let i = 0; i < page.users.length; i += SCAN_PARALLEL) {
          const details = await Promise.all(page.users.slice(i, i + SCAN_PARALLEL).map((u) => api.detail(u.user_id).catch(skipGone)));
          let found: string | undefined;
          for (const d of details) {
            const p = phoneOf(d);
            if (!d || !p) continue;
            phones.set(key(p), d.user_id);
            if (p === phone84) found ??= d.user_id;
          }
          if (found) return found;
        }
        if (page.users.length < PAGE || offset + PAGE >= page.total) return undefined;
        // Zalo refuses the next offset: say so rather than answer "not found" for users never scanned.
        if (offset + PAGE > MAX_LIST_OFFSET) {
          throw new Error(`No follower with phone ${phone84} among the first ${offset + PAGE} of ${page.total}: Zalo's follower list stops at offset ${MAX_LIST_OFFSET}. Run followers_sync (it indexes every follower) and try again.`);
        }
      }
    },
  };
  return api;
}
