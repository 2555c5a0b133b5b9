/**
 * Tolerant field shapes for Zalo answers. Where ZALO_API.md marks a field [I], Zalo has been seen
 * sending numbers as strings and the other way round, and null for "absent": these coerce instead
 * of failing, so one surprising field does not break a whole read.
 */
import { z } from 'zod';

/** Number or string → string (ids, phones, timestamps). */
export const stringish = z.union([z.string(), z.number()]).transform(String);
/** Number or numeric string → number (counts, quotas). */
export const numberish = z.union([z.string(), z.number()]).transform(Number);
/** A non-empty id as string; null or "" fails here rather than becoming the id "null". */
export const idString = z.union([z.string().min(1), z.number()]).transform(String);
/** Optional text: string or number, null/absent → undefined. */
export const optionalText = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v == null ? undefined : String(v)));
/** Optional number: number or numeric string, null/absent/garbage → undefined. */
export const optionalNumber = z.union([z.number(), z.string(), z.null()]).optional().transform((v) => {
  const n = v == null || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
});
