/**
 * Shared input fields. Every field says its format and limit, and every integer has explicit
 * bounds (a bare `.int()` would advertise a 16-digit maximum in the schema).
 */
import { z } from 'zod';
import { PHONE_FORMS } from '../zalo/phone.js';
import { quiet } from './slim-schema.js';

export const userId = () => z.string().regex(/^\d{1,25}$/, 'must be a numeric Zalo user_id').describe('Follower user_id');

export const offset = () => quiet(z.number().int().min(0).max(100_000).default(0), 'maximum', 'default').describe('Pass next_offset to continue');

export const count = ({ max, def = max }: { max: number; def?: number }) =>
  z.number().int().min(1).max(max).default(def).describe('Page size');

/** Vietnamese mobile number in any common form; normalised to 84xxxxxxxxx before use. */
export const phone = () => {
  // The message is not in the JSON schema (no token cost); it tells the model the accepted forms.
  const forms = `must be a Vietnamese phone number: ${PHONE_FORMS}`;
  return quiet(z.string().min(9, forms).max(20, forms), 'minLength', 'maxLength').describe('VN phone, e.g. 0912345678 or +84912345678');
};

/**
 * Text as Zalo counts it: normalised to NFC, then measured in code points, so "Khách mới" typed in
 * decomposed form (NFD) is the same tag and a Vietnamese text does not overshoot a limit unseen.
 * The handler receives the NFC string; the schema advertises the limit (JSON Schema also counts
 * code points).
 */
export const nfcText = (max: number, what: string, { min = 1, trim = false }: { min?: number; trim?: boolean } = {}) => {
  const length = (s: string) => [...s].length;
  return z
    .string()
    .transform((s) => (trim ? s.trim() : s).normalize('NFC'))
    .refine((s) => length(s) >= min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .refine((s) => length(s) <= max, `must be at most ${max} characters (counted in code points after NFC normalisation)`)
    .meta({ ...(min > 0 ? { minLength: min } : {}), maxLength: max })
    .describe(what);
};

export const text = (max: number, what = 'Message text') => nfcText(max, what);

export const httpsUrl = (what: string) =>
  quiet(z.string().url().max(2000).regex(/^https:\/\//, 'must be an https URL'), 'maxLength').meta({ format: 'uri' }).describe(what);

export const messageId = () => z.string().regex(/^[\w-]{1,64}$/, 'must be a Zalo message id').describe('Zalo message_id');

/** The standard list result: `{ items, offset, count, total?, next_offset }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return {
    items: z.array(item),
    offset: z.number(),
    count: z.number(),
    total: z.number().optional(),
    next_offset: z.number().nullable(),
  };
}

/** Build a page result; next_offset is null once the end is reached. */
export function toPage<T>(items: T[], offset: number, count: number, total?: number) {
  const more = total !== undefined ? offset + items.length < total : items.length === count;
  return { items, offset, count, ...(total !== undefined ? { total } : {}), next_offset: more && items.length > 0 ? offset + items.length : null };
}
