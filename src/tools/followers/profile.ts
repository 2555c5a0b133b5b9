/**
 * The trimmed follower profile that followers_get_profile and followers_update_info return (and
 * the follower resource may reuse): our field names, dates as YYYY-MM-DD, phone always a string.
 */
import { z } from 'zod';
import type { FollowerDetail } from '../../zalo/endpoints/followers.js';
import { tryNormalizePhone } from '../../zalo/phone.js';

/** dd/MM/yyyy (Zalo) → YYYY-MM-DD; anything else passes through unchanged. */
export function isoDate(zaloDate: string | undefined): string | undefined {
  const m = zaloDate ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(zaloDate) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : zaloDate || undefined;
}

const opt = () => z.string().optional();
/** Phone 84xxxxxxxxx, birthday YYYY-MM-DD; absent fields were never shared. */
export const sharedInfoOutput = z.object({ name: opt(), phone: opt(), address: opt(), city: opt(), district: opt(), birthday: opt() });

export const profileOutput = {
  user_id: z.string(),
  display_name: z.string(),
  alias: z.string(),
  is_follower: z.boolean().optional(),
  /** YYYY-MM-DD, Vietnam time. */
  last_interaction_date: z.string().optional(),
  avatar: z.string(),
  tags: z.array(z.string()),
  notes: z.array(z.string()),
  /** Absent when the user shared nothing. */
  shared_info: sharedInfoOutput.optional(),
};

/** Trim Zalo's user/detail to profileOutput; empty strings and unknown values are left out. */
export function toProfile(d: FollowerDetail) {
  const s = d.shared_info;
  const shared = s
    ? Object.fromEntries(
        Object.entries({
          name: s.name,
          phone: s.phone ? (tryNormalizePhone(s.phone) ?? s.phone) : undefined,
          address: s.address,
          city: s.city,
          district: s.district,
          birthday: isoDate(s.user_dob),
        }).filter(([, v]) => v !== undefined && v !== ''),
      )
    : undefined;
  const lastDate = isoDate(d.user_last_interaction_date);
  return {
    user_id: d.user_id,
    display_name: d.display_name,
    alias: d.user_alias,
    ...(d.user_is_follower !== undefined ? { is_follower: d.user_is_follower } : {}),
    ...(lastDate ? { last_interaction_date: lastDate } : {}),
    avatar: d.avatar,
    tags: d.tags_and_notes_info?.tag_names ?? [],
    notes: d.tags_and_notes_info?.notes ?? [],
    ...(shared ? { shared_info: shared } : {}),
  };
}
