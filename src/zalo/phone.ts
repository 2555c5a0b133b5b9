/**
 * Vietnamese phone normalisation, the form Zalo's ZNS API wants (84xxxxxxxxx): strip spaces,
 * dots and dashes; a leading 0 or +84 becomes 84. Anything else is refused with the accepted forms.
 */
import { ZaloInputError } from './errors.js';

export const PHONE_FORMS = '0912345678, +84912345678 or 84912345678';

/** Normalise or return undefined when the input is not a Vietnamese mobile/landline number. */
export function tryNormalizePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let digits: string;
  if (/^\+84\d+$/.test(compact)) digits = compact.slice(1);
  else if (/^84\d+$/.test(compact)) digits = compact;
  else if (/^0\d+$/.test(compact)) digits = `84${compact.slice(1)}`;
  else return undefined;
  // 84 + 9 digits (mobile) or 84 + 10 digits (landline 02x); the first digit after 84 is never 0.
  return /^84[1-9]\d{8,9}$/.test(digits) ? digits : undefined;
}

/** Normalise `input` for the field `field`, or throw a ZaloInputError naming the field and the forms. */
export function normalizePhone(input: string, field = 'phone'): string {
  const phone = tryNormalizePhone(input);
  if (!phone) throw new ZaloInputError(`${field} "${input}" is not a Vietnamese phone number`, `Use ${PHONE_FORMS}.`);
  return phone;
}
