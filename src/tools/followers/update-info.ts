import { z } from 'zod';
import type { FollowerUpdateBody } from '../../zalo/endpoints/followers.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import { defineTool, UPDATE } from '../define-tool.js';
import { nfcText, phone, userId } from '../params.js';
import { profileOutput, toProfile } from './profile.js';

const FIELDS = ['alias', 'name', 'phone', 'address', 'city', 'district', 'birthday'] as const;
const str = (max: number, what: string) => nfcText(max, what, { trim: true }).optional();
const id = (max: number, what: string) => z.number().int().min(1).max(max).optional().describe(what);

/** YYYY-MM-DD → Zalo's dd/MM/yyyy, refusing impossible dates and anything before 1970 (Zalo's floor). */
function zaloDob(birthday: string, now: number): string {
  const [y, m, d] = birthday.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1970 || t.getTime() > now) {
    throw new ZaloInputError(`birthday "${birthday}" is not a valid date from 1970-01-01 to today`, 'Give a real date, YYYY-MM-DD, not before 1970-01-01.');
  }
  return `${birthday.slice(8, 10)}/${birthday.slice(5, 7)}/${birthday.slice(0, 4)}`;
}

export const followersUpdateInfo = defineTool({
  name: 'followers_update_info',
  toolset: 'followers',
  title: 'Update follower info',
  description:
    'Set a user\'s alias and shared info (only fields given). Zalo takes city/district only as integer ids; no email. Read back after: not_applied lists fields Zalo did not keep.',
  input: {
    user_id: userId(),
    alias: str(100, 'OA-side name'),
    name: str(100, 'Full name'),
    phone: phone().optional(),
    address: str(255, 'Street address'),
    city: id(999, 'Zalo city id (city_id)'),
    district: id(99_999, 'Zalo district id (district_id)'),
    birthday: z.string().max(10).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'must be YYYY-MM-DD').optional().describe('YYYY-MM-DD, from 1970'),
  },
  output: { ...profileOutput, not_applied: z.array(z.string()) },
  annotations: UPDATE,
  handler: async (args, { zalo, now }) => {
    const given = FIELDS.filter((f) => args[f] !== undefined);
    if (given.length === 0) throw new ZaloInputError(`no field to update: give at least one of ${FIELDS.join(', ')}`, 'Add the fields to change.');
    const phone84 = args.phone !== undefined ? normalizePhone(args.phone) : undefined;
    const dob = args.birthday !== undefined ? zaloDob(args.birthday, now()) : undefined;
    const shared = Object.fromEntries(
      Object.entries({ name: args.name, phone: phone84, address: args.address, city_id: args.city, district_id: args.district, user_dob: dob })
        .filter(([, v]) => v !== undefined),
    );
    const body: FollowerUpdateBody = { user_id: args.user_id };
    if (args.alias !== undefined) body.user_alias = args.alias;
    if (Object.keys(shared).length > 0) body.shared_info = shared;
    await zalo.followers.update(body);

    const profile = toProfile(await zalo.followers.detail(args.user_id));
    const s = profile.shared_info;
    // user/detail shows city and district by name: an id took effect when a name is there.
    const stuck: Record<(typeof FIELDS)[number], boolean> = {
      alias: profile.alias === args.alias,
      name: s?.name === args.name,
      phone: s?.phone === phone84,
      address: s?.address === args.address,
      city: !!s?.city,
      district: !!s?.district,
      birthday: s?.birthday === args.birthday,
    };
    return { ...profile, not_applied: given.filter((f) => !stuck[f]) };
  },
});
