/**
 * Seeds the simulator with a realistic, deterministic world: two OAs, the main one with 220
 * followers spread across Zalo's message windows (inside 48 h, 2–7 days, older, unfollowed),
 * Vietnamese names, phones, cities, tags and recent conversations.
 */
import { SANDBOX_ACCOUNTS, type SandboxAccount } from '../credentials.js';
import type { ChatMessage, Follower, OaState, SandboxState } from '../state.js';
import { HOUR_MS } from '../rules.js';
import { CITIES, CUSTOMER_LINES, FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, OA_LINES, PHONE_PREFIXES, STREETS, TAGS } from './names.js';
import { pick, seededRandom } from './random.js';

export interface SeedOptions {
  /** PRNG seed; the same seed gives the same world. */
  seed?: number;
  /** Followers of the default OA (default 220). */
  followers?: number;
  /** Access token lifetime in seconds (Zalo: 90000). */
  accessTtlS?: number;
  /** Wall-clock time the seed is relative to (default: now). */
  now?: number;
}

const DAY_MS = 24 * HOUR_MS;

/** Which message window a seeded follower is in; tests pick users by it. */
export type WindowState = 'within_48h' | 'within_7d' | 'expired' | 'unfollowed';

export function windowOf(index: number): WindowState {
  const slot = index % 10;
  if (slot <= 2) return 'within_48h';
  if (slot <= 4) return 'within_7d';
  if (slot <= 8) return 'expired';
  return 'unfollowed';
}

export function createSeededState(options: SeedOptions = {}): SandboxState {
  const rand = seededRandom(options.seed ?? 20261125);
  const base = options.now ?? Date.now();
  const state: SandboxState = {
    oas: new Map(),
    accessTokens: new Map(),
    accessTtlS: options.accessTtlS ?? 90_000,
    seq: 0,
    clockOffsetMs: 0,
    now() {
      return Date.now() + this.clockOffsetMs;
    },
  };
  SANDBOX_ACCOUNTS.forEach((account, n) => {
    const oa = seedOa(account, account.isDefault ? options.followers ?? 220 : 20, n, rand, base);
    state.oas.set(account.oaId, oa);
  });
  state.seq = 1000;
  return state;
}

function seedOa(account: SandboxAccount, count: number, oaIndex: number, rand: () => number, now: number): OaState {
  const oa: OaState = {
    account,
    profile: account.isDefault
      ? { oa_id: account.oaId, name: 'Hoa Sen Boutique', description: 'Thời trang công sở và quà tặng — giao hàng toàn quốc', avatar: 'https://s160-ava-talk.zadn.vn/sandbox/hoasen.jpg', cover: 'https://cover-talk.zadn.vn/sandbox/hoasen-cover.jpg', is_verified: true }
      : { oa_id: account.oaId, name: 'Hoa Sen Boutique — Chi nhánh Đà Nẵng', description: 'Chi nhánh Đà Nẵng', avatar: 'https://s160-ava-talk.zadn.vn/sandbox/hoasen-dn.jpg', cover: '', is_verified: false },
    followers: new Map(),
    tags: new Set(TAGS),
    messages: [],
    groups: new Map(),
    paid_cs_remaining: 500,
    slices: new Map(),
    refresh_token: account.refreshToken,
  };
  let messageSeq = 0;
  for (let i = 0; i < count; i++) {
    const follower = seedFollower(oaIndex, i, rand, now);
    oa.followers.set(follower.user_id, follower);
    const conversation = seedConversation(follower, i, rand, () => `${oaIndex + 5}${String(8_100_000_000_000_000 + ++messageSeq * 1013)}`);
    oa.messages.push(...conversation);
  }
  oa.messages.sort((a, b) => b.time - a.time);
  const members = [...oa.followers.values()].filter((f) => f.is_follower).slice(0, 12).map((f) => f.user_id);
  oa.groups.set(`${oaIndex + 3}41500000000000001`, { group_id: `${oaIndex + 3}41500000000000001`, name: 'Khách VIP Hoa Sen', members: members.slice(0, 8), messages: [] });
  oa.groups.set(`${oaIndex + 3}41500000000000002`, { group_id: `${oaIndex + 3}41500000000000002`, name: 'Cộng tác viên bán sỉ', members: members.slice(6), messages: [] });
  return oa;
}

function seedFollower(oaIndex: number, i: number, rand: () => number, now: number): Follower {
  const family = pick(rand, FAMILY_NAMES);
  const name = `${family} ${pick(rand, MIDDLE_NAMES)} ${pick(rand, GIVEN_NAMES)}`;
  const window = windowOf(i);
  const ago =
    window === 'within_48h' ? (0.5 + rand() * 45) * HOUR_MS
    : window === 'within_7d' ? (50 + rand() * 110) * HOUR_MS
    : (8 + rand() * 180) * DAY_MS;
  const place = pick(rand, CITIES);
  const phone = `84${pick(rand, PHONE_PREFIXES)}${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}`;
  const tags = new Set<string>();
  for (const tag of ['VIP', 'Khách quen', 'Đã mua hàng', 'Khách mới', 'Quan tâm khuyến mãi']) if (rand() < 0.18) tags.add(tag);
  const hasShared = rand() < 0.6;
  const year = 1970 + Math.floor(rand() * 36);
  const userId = `${oaIndex + 1}${String(4_000_000_000_000_000 + i * 7_919_113 + Math.floor(rand() * 1000)).padStart(18, '0')}`;
  return {
    user_id: userId,
    user_id_by_app: `${oaIndex + 2}${userId.slice(1)}`,
    display_name: name,
    user_alias: '',
    user_external_id: '',
    avatar: `https://s240-ava-talk.zadn.vn/sandbox/${userId}.jpg`,
    is_follower: window !== 'unfollowed',
    is_sensitive: false,
    last_interaction_ms: now - ago,
    tags,
    notes: [],
    shared_info: hasShared
      ? {
          name,
          phone,
          address: `${1 + Math.floor(rand() * 200)} ${pick(rand, STREETS)}`,
          city: place.city,
          district: pick(rand, place.districts),
          user_dob: `${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}/${year}`,
        }
      : undefined,
    restricted: i === 47,
    cs_used_in_window: 0,
    promotion_today: 0,
    promotion_month: 0,
  };
}

function seedConversation(f: Follower, i: number, rand: () => number, nextId: () => string): ChatMessage[] {
  // Users with a recent interaction wrote last; a few older threads too, so history reads work everywhere.
  if (windowOf(i) === 'expired' && rand() < 0.5) return [];
  const turns = 1 + Math.floor(rand() * 5);
  const out: ChatMessage[] = [];
  let t = f.last_interaction_ms;
  for (let k = 0; k < turns; k++) {
    const fromUser = k % 2 === 0;
    out.push({
      message_id: nextId(),
      user_id: f.user_id,
      src: fromUser ? 1 : 0,
      time: Math.round(t),
      type: 'text',
      message: fromUser ? pick(rand, CUSTOMER_LINES) : pick(rand, OA_LINES),
      kind: fromUser ? undefined : 'cs',
    });
    t -= (5 + rand() * 600) * 60_000;
  }
  return out;
}
