/**
 * Followers of the simulator: user/getlist with Zalo's filters, user/detail in Zalo's exact
 * field names (phone as a NUMBER, as Zalo sometimes sends it) and user/update with its checks.
 */
import { isPhone84 } from '../phone.js';
import { HOUR_MS, VN_OFFSET_MS } from '../rules.js';
import { invalid, need, page, type Route } from '../router.js';
import { CITIES } from '../seed/names.js';
import type { Follower, OaState, SharedInfo } from '../state.js';

const DAY_MS = 24 * HOUR_MS;
/** Zalo's user/getlist refuses offsets above this (ZALO_API.md §4): ~10,000 users per filter. */
const MAX_LIST_OFFSET = 9951;

type Obj = Record<string, unknown>;

/** Days since the epoch in Vietnam time (UTC+7), so date filters follow the OA's calendar. */
function vnDay(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** dd/MM/yyyy in Vietnam time, Zalo's user_last_interaction_date. */
export function vnDate(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** YYYY_MM_DD → VN day number, or undefined when not a real date. */
function parseDay(s: string): number | undefined {
  const m = /^(\d{4})_(\d{2})_(\d{2})$/.exec(s);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return Math.floor(t / DAY_MS);
}

/** The [from, to] VN day range of last_interaction_period, or -201. */
function periodRange(period: string, now: number): [number, number] {
  const today = vnDay(now);
  switch (period) {
    case 'TODAY': return [today, today];
    case 'YESTERDAY': return [today - 1, today - 1];
    case 'L7D': return [today - 6, today];
    case 'L30D': return [today - 29, today];
  }
  const [a, b, extra] = period.split(':');
  const from = a !== undefined ? parseDay(a) : undefined;
  const to = b !== undefined ? parseDay(b) : undefined;
  if (extra !== undefined || from === undefined || to === undefined || from > to) throw invalid('last_interaction_period');
  return [from, to];
}

function boolParam(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true' || v === 1 || v === '1') return true;
  if (v === false || v === 'false' || v === 0 || v === '0') return false;
  throw invalid(field);
}

export function followerOf(oa: OaState, userId: unknown): Follower {
  const f = userId === undefined || userId === null ? undefined : oa.followers.get(String(userId));
  if (!f) throw invalid('user_id');
  return f;
}

function detail(f: Follower): Obj {
  const s = f.shared_info;
  return {
    user_id: f.user_id,
    user_id_by_app: f.user_id_by_app,
    user_external_id: f.user_external_id,
    display_name: f.display_name,
    user_alias: f.user_alias,
    is_sensitive: f.is_sensitive,
    user_last_interaction_date: vnDate(f.last_interaction_ms),
    user_is_follower: f.is_follower,
    avatar: f.avatar,
    avatars: { '120': f.avatar.replace('/s240-', '/s120-'), '240': f.avatar },
    tags_and_notes_info: { tag_names: [...f.tags], notes: [...f.notes] },
    ...(s
      ? {
          shared_info: {
            name: s.name ?? '',
            // Zalo sometimes sends the phone as a number: clients must coerce it.
            phone: s.phone ? Number(s.phone) : '',
            address: s.address ?? '',
            city: s.city ?? '',
            district: s.district ?? '',
            ...(s.user_dob ? { user_dob: s.user_dob } : {}),
          },
        }
      : {}),
  };
}

/** dd/MM/yyyy, a real date, year ≥ 1970 and not in the future. */
function validDob(v: unknown, now: number): v is string {
  if (typeof v !== 'string') return false;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (!m) return false;
  const t = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  const d = new Date(t);
  return Number(m[3]) >= 1970 && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[1]) && t <= now;
}

/**
 * Zalo's city and district ids for the seeded places. The real numbering is not published; the
 * simulator's own: city = position + 1, district = city × 100 + position + 1.
 */
const CITY_BY_ID = new Map(CITIES.map((c, i) => [i + 1, c.city]));
const DISTRICT_BY_ID = new Map(CITIES.flatMap((c, i) => c.districts.map((d, j) => [(i + 1) * 100 + j + 1, d] as const)));

/** name, phone, address, city_id, district_id (and user_dob on v3) → the follower's SharedInfo, or -201. */
function sharedInfo(s: Obj, now: number, withDob: boolean): SharedInfo {
  const info: SharedInfo = {};
  for (const k of ['name', 'address'] as const) {
    if (s[k] === undefined) continue;
    if (typeof s[k] !== 'string') throw invalid(k);
    info[k] = s[k];
  }
  if (s.phone !== undefined) {
    if (!isPhone84(s.phone)) throw invalid('phone');
    info.phone = String(s.phone);
  }
  for (const [key, field, table] of [['city_id', 'city', CITY_BY_ID], ['district_id', 'district', DISTRICT_BY_ID]] as const) {
    if (s[key] === undefined) continue;
    const name = Number.isInteger(s[key]) ? table.get(s[key] as number) : undefined;
    if (!name) throw invalid(key);
    info[field] = name;
  }
  if (withDob && s.user_dob !== undefined) {
    if (!validDob(s.user_dob, now)) throw invalid('user_dob');
    info.user_dob = s.user_dob;
  }
  return info;
}

function apply(f: Follower, alias: unknown, info: SharedInfo | undefined): void {
  if (typeof alias === 'string') f.user_alias = alias;
  if (info && Object.keys(info).length > 0) f.shared_info = { ...f.shared_info, ...info };
}

const V2_KEYS = new Set(['user_id', 'name', 'phone', 'address', 'city_id', 'district_id']);

export const followersRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'GET',
    path: '/v3.0/oa/user/getlist',
    handle: ({ req, oa, sim, now }) => {
      const d = req.data;
      const maxOffset = sim.maxListOffset ?? MAX_LIST_OFFSET;
      if (Number(d.offset ?? 0) > maxOffset) throw invalid('offset', `offset must be at most ${maxOffset}`);
      const isFollower = boolParam(d.is_follower, 'is_follower');
      const tag = d.tag_name === undefined || d.tag_name === '' ? undefined : String(d.tag_name);
      const range = d.last_interaction_period ? periodRange(String(d.last_interaction_period), now) : undefined;
      const matching = [...oa.followers.values()].filter((f) => {
        if (isFollower !== undefined && f.is_follower !== isFollower) return false;
        if (tag !== undefined && !f.tags.has(tag)) return false;
        if (range) {
          const day = vnDay(f.last_interaction_ms);
          if (day < range[0] || day > range[1]) return false;
        }
        return true;
      });
      const { slice, offset } = page(matching, d, 50);
      return { total: matching.length, count: slice.length, offset, users: slice.map((f) => ({ user_id: f.user_id })) };
    },
  },
  {
    family: 'openapi',
    method: 'GET',
    path: '/v3.0/oa/user/detail',
    handle: ({ req, oa }) => detail(followerOf(oa, req.data.user_id)),
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v3.0/oa/user/update',
    // [I]: tolerant — keys Zalo does not know (email, city/district names) are ignored, never stored.
    handle: ({ req, oa, now }) => {
      const body = req.body;
      const f = followerOf(oa, need(body, 'user_id'));
      if (body.user_alias !== undefined && typeof body.user_alias !== 'string') throw invalid('user_alias');
      const raw = body.shared_info;
      if (raw !== undefined && (!raw || typeof raw !== 'object' || Array.isArray(raw))) throw invalid('shared_info');
      apply(f, body.user_alias, raw === undefined ? undefined : sharedInfo(raw as Obj, now, true));
      return undefined;
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/updatefollowerinfo',
    // [C .NET SDK]: exactly {user_id, name, phone, address, city_id, district_id}.
    handle: ({ req, oa, now }) => {
      const f = followerOf(oa, need(req.body, 'user_id'));
      const extra = Object.keys(req.body).find((k) => !V2_KEYS.has(k));
      if (extra) throw invalid(extra);
      apply(f, undefined, sharedInfo(req.body, now, false));
      return undefined;
    },
  },
];
