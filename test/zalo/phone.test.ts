import { describe, expect, it } from 'vitest';
import { ZaloInputError } from '../../src/zalo/errors.js';
import { normalizePhone, PHONE_FORMS, tryNormalizePhone } from '../../src/zalo/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['+84 912 345 678', '84912345678'],
    ['84.912.345.678', '84912345678'],
    ['0912-345-678', '84912345678'],
    ['84912345678', '84912345678'],
    ['+84912345678', '84912345678'],
    [' (091) 234 5678 ', '84912345678'],
    ['0243 123 4567', '842431234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(tryNormalizePhone(input)).toBe(expected);
  });

  it.each(['12345', '0012345678', '+1 415 555 0100', '09123abc78', 'abcdefghij', '', '091234567', '+84 0912 345 678'])('refuses %j', (input) => {
    expect(tryNormalizePhone(input)).toBeUndefined();
    let err: unknown;
    try {
      normalizePhone(input, 'phone');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZaloInputError);
    const e = err as ZaloInputError;
    expect(e.message).toContain('phone');
    expect(e.hint).toContain(PHONE_FORMS);
    expect(e.hint).toMatch(/0912345678.*\+84912345678.*84912345678/);
  });
});
