import { z } from 'zod';
import type { FollowerUpdateBody } from '../../zalo/endpoints/followers.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import { defineTool, UPDATE } from '../define-tool.js';
import { phone, userId } from '../params.js';
import { profileOutput, toProfile } from './profile.js';

const FIELDS = ['alias', 'name', 'phone', 'email', 'address', 'city', 'district', 'birthday'] as const;
const str = (max: number, what: string) => z.string().trim().min(1).max(max).optional().describe(what);

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
    
    'Set a user\'s alias and shared info (only the fields given). The profile is read back; not_applied lists fields Zalo did not keep (it has no email field).',
  input: {
    user_id: userId(),
    alias: str(100, 'OA-side name'),
    name: str(100, 'Full name'),
    phone: phone().optional(),
    email: z.string().max(254).refine((v) => /^\S+@\S+\.\S+$/.test(v), 'must be an email address').optional().describe('Email'),
    address: str(255, 'Street address'),
    city: str(100, 'City/province name'),
    district: str(100, 'District name'),
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
      Object.entries({ name: args.name, phone: phone84, email: args.email, address: args.address, city: args.city, district: args.district, user_dob: dob })
        .filter(([, v]) => v !== undefined),
    );
    const body: FollowerUpdateBody = { user_id: args.user_id };
    if (args.alias !== undefined) body.user_alias = args.alias;
    if (Object.keys(shared).length > 0) body.shared_info = shared;
    await zalo.followers.update(body);

    const detail = await zalo.followers.detail(args.user_id);
    const profile = toProfile(detail);
    const stuck: Record<(typeof FIELDS)[number], unknown> = {
      alias: profile.alias === args.alias,
      name: profile.shared_info?.name === args.name,
      phone: profile.shared_info?.phone === phone84,
      email: (detail.shared_info as { email?: unknown } | null | undefined)?.email === args.email,
      address: profile.shared_info?.address === args.address,
      city: profile.shared_info?.city === args.city,
      district: profile.shared_info?.district === args.district,
      birthday: profile.shared_info?.birthday === args.birthday,
    };
    return { ...profile, not_applied: given.filter((f) => !stuck[f]) };
  },
});
