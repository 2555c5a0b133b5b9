/** The follower index's columns and "missing field" tests, the same in SQLite and PostgreSQL. */
import type { FollowerPatch, MissingField } from './types.js';

export const COLUMNS = ['display_name', 'alias', 'avatar', 'is_follower', 'last_interaction', 'tags', 'notes', 'name', 'phone', 'address', 'city', 'district', 'birthday', 'name_key', 'city_key', 'profile_at', 'updated_at'] as const;

/** followers_search's `missing` filter: a field counts as missing when NULL or empty. */
export const MISSING_SQL: Record<MissingField, string> = {
  phone: "(phone IS NULL OR phone = '')",
  name: "(name IS NULL OR name = '')",
  address: "(address IS NULL OR address = '')",
  city: "(city IS NULL OR city = '')",
  birthday: "(birthday IS NULL OR birthday = '')",
};

/** A patch of only the follow state and last interaction: no searchable text or tag changes, so one upsert merges it. */
export function isTouch(p: FollowerPatch): boolean {
  return Object.entries(p).every(([k, v]) => v === undefined || k === 'lastInteraction' || k === 'isFollower');
}
