/**
 * The client and the simulator each keep their own copy of Zalo's rules (so a wrong fact in one
 * is caught by the other). This pins the copies together: window lengths, night hours, limits,
 * the phone rule and the file sniffer must agree, and both must match the sheet's literal values.
 */
import { describe, expect, it } from 'vitest';
import * as sim from '../../src/sandbox/rules.js';
import { toPhone84 } from '../../src/sandbox/phone.js';
import { sniff as simSniff } from '../../src/sandbox/sniff.js';
import { sniff } from '../../src/uploads/kinds.js';
import * as client from '../../src/zalo/rules.js';
import { tryNormalizePhone } from '../../src/zalo/phone.js';
import { files } from '../uploads/fixtures.js';

/** A small deterministic PRNG (xorshift), so a failure reproduces. */
let seed = 20261125;
const rand = () => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
};

describe('client rules = simulator rules = ZALO_API.md', () => {
  it('windows, night, limits', () => {
    const sheet = {
      CS_FREE_WINDOW_MS: 48 * 3_600_000, CS_MAX_WINDOW_MS: 7 * 86_400_000, VN_OFFSET_MS: 7 * 3_600_000,
      NIGHT_START_HOUR: 22, NIGHT_END_HOUR: 6, TEXT_MAX: 2000, ZNS_TRACKING_ID_MAX: 48,
      CALL_CONSENT_REPLY_MS: 86_400_000, CALL_CONSENT_VALID_MS: 30 * 86_400_000,
    };
    for (const [name, value] of Object.entries(sheet)) {
      expect(client[name as keyof typeof client], `client ${name}`).toBe(value);
      expect(sim[name as keyof typeof sim], `sandbox ${name}`).toBe(value);
    }
    expect(client.TEMPLATE_TAG).toEqual({ transaction: 1, care: 2, promotion: 3 });
    expect(sim.TEMPLATE_TAG).toEqual(client.TEMPLATE_TAG);
    // Free consultation replies are unlimited from 2026-01-01 (Vietnam time).
    expect(sim.csFreeLeft(100, Date.UTC(2025, 11, 31, 17, 0))).toBe(Infinity);
    expect(sim.csFreeLeft(3, Date.UTC(2025, 11, 31, 16, 59))).toBe(5);
  });

  it('the night window agrees at every minute of a day', () => {
    for (let m = 0; m < 24 * 60; m++) {
      const t = Date.UTC(2026, 10, 25) + m * 60_000;
      expect(sim.isVietnamNight(t), new Date(t).toISOString()).toBe(client.isVietnamNight(t));
    }
  });

  it('the phone rule agrees on any input', () => {
    const samples = ['0912345678', '+84912345678', '84912345678', '091 234 5678', '091.234.5678', '0212345678', '02123456789', '0012345678', '912345678', '+840912345678', '8491234567', '+1 555 0100', '', '84-91-234-5678'];
    for (const s of samples) expect(toPhone84(s), s).toBe(tryNormalizePhone(s));
    const chars = '+0123456789840 .()-';
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: rand() % 16 }, () => chars[rand() % chars.length]).join('');
      expect(toPhone84(s), s).toBe(tryNormalizePhone(s));
    }
  });

  it('the file sniffer agrees on every kind and on junk', () => {
    for (const [kind, make] of Object.entries(files)) expect(simSniff(make()), kind).toBe(sniff(make()));
    for (let i = 0; i < 2000; i++) {
      const b = Uint8Array.from({ length: rand() % 64 }, () => rand() % 256);
      if (i % 7 === 0 && b.length > 8) b.set([0x50, 0x4b, 0x03, 0x04]);
      expect(simSniff(b)).toBe(sniff(b));
    }
  });
});
