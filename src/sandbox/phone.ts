/**
 * The simulator's own Vietnamese phone rule (ZALO_API.md §10: 84…/+84…, 0… → 84…), kept apart
 * from the client's src/zalo/phone.ts so a wrong rule there is caught here.
 */
const PHONE_84 = /^84[1-9]\d{8,9}$/;

/** Whether Zalo takes `v` as a phone as sent on the wire: 84 + 9 or 10 digits. */
export const isPhone84 = (v: unknown): boolean => PHONE_84.test(String(v));

/** Any accepted form (spaces, dots, dashes, 0…, +84…, 84…) to 84…, or undefined. */
export function toPhone84(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  const digits = compact.startsWith('+84') ? compact.slice(1) : compact.startsWith('0') ? `84${compact.slice(1)}` : compact;
  return /^\d+$/.test(digits) && PHONE_84.test(digits) ? digits : undefined;
}
