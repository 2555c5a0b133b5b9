/**
 * The simulator's in-memory world: OAs with followers, tags, messages and tokens. Each route
 * family keeps any extra state of its own in a named slice (see `slice()`), so families stay
 * in their own files.
 */
import type { SandboxAccount } from './credentials.js';

export interface SharedInfo {
  name?: string;
  phone?: string;
  address?: string;
  city?: string;
  district?: string;
  /** dd/MM/yyyy, as Zalo stores it. */
  user_dob?: string;
}

export interface Follower {
  user_id: string;
  user_id_by_app: string;
  display_name: string;
  user_alias: string;
  user_external_id: string;
  avatar: string;
  is_follower: boolean;
  is_sensitive: boolean;
  /** Epoch ms of the user's last interaction with the OA (message, click, follow). */
  last_interaction_ms: number;
  tags: Set<string>;
  notes: string[];
  /** Present once the user submitted info (or the OA set it). */
  shared_info?: SharedInfo;
  /** The user restricted messages from the OA (-244). */
  restricted?: boolean;
  /** Free consultation replies used in the current 48 h window. */
  cs_used_in_window: number;
  /** Promotion messages received today / this month. */
  promotion_today: number;
  promotion_month: number;
}

export interface ChatMessage {
  message_id: string;
  user_id: string;
  /** 0 = OA → user, 1 = user → OA (Zalo's `src`). */
  src: 0 | 1;
  time: number;
  type: 'text' | 'image' | 'file' | 'sticker' | 'list' | 'template' | 'link';
  message: string;
  url?: string;
  thumb?: string;
  /** Which send API produced it (OA messages only). */
  kind?: 'cs' | 'template' | 'transaction' | 'promotion';
}

export interface Group {
  group_id: string;
  name: string;
  members: string[];
  messages: Array<{ message_id: string; time: number; text: string }>;
}

export interface OaState {
  account: SandboxAccount;
  profile: { oa_id: string; name: string; description: string; avatar: string; cover: string; is_verified: boolean };
  followers: Map<string, Follower>;
  /** Tags that exist on the OA, including ones with no follower. */
  tags: Set<string>;
  messages: ChatMessage[];
  groups: Map<string, Group>;
  /** Paid consultation messages left this month (used outside the free window, up to 7 days). */
  paid_cs_remaining: number;
  menu?: unknown;
  /** Per-family extra state, keyed by family name. */
  slices: Map<string, unknown>;
  /** Current refresh token (single-use) and access tokens with their expiry. */
  refresh_token: string;
}

export interface AccessToken {
  oaId: string;
  expiresAt: number;
}

export interface SandboxState {
  oas: Map<string, OaState>;
  accessTokens: Map<string, AccessToken>;
  /** Seconds an access token lives (Zalo: 90000). */
  accessTtlS: number;
  /** Monotonic counter for ids. */
  seq: number;
  /** Added to the wall clock; tests move time forward with `sandbox.advance()`. */
  clockOffsetMs: number;
  /** Largest offset user/getlist accepts (Zalo: 9951); tests lower it to exercise the cap quickly. */
  maxListOffset?: number;
  now(): number;
}

/** Get (or create) a route family's own state on an OA. */
export function slice<T>(oa: OaState, key: string, init: () => T): T {
  if (!oa.slices.has(key)) oa.slices.set(key, init());
  return oa.slices.get(key) as T;
}

/** A numeric-looking id like Zalo's (message ids, user ids are long digit strings). */
export function nextId(state: SandboxState, prefix = ''): string {
  state.seq += 1;
  return `${prefix}${String(7_000_000_000_000_000 + state.seq * 7919)}`;
}
