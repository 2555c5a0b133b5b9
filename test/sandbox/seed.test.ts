/** The simulator's seeded world is what the demo and every tool test stand on. */
import { describe, expect, it } from 'vitest';
import { createSeededState, windowOf } from '../../src/sandbox/seed/index.js';
import { CS_FREE_WINDOW_MS, CS_MAX_WINDOW_MS } from '../../src/sandbox/rules.js';

describe('sandbox seed', () => {
  const now = Date.UTC(2026, 10, 25, 3, 0, 0);
  const state = createSeededState({ now });
  const shop = [...state.oas.values()].find((o) => o.account.alias === 'shop')!;
  const followers = [...shop.followers.values()];

  it('is deterministic', () => {
    const again = [...createSeededState({ now }).oas.values()][0]!;
    expect([...again.followers.values()].map((f) => f.display_name)).toEqual(followers.map((f) => f.display_name));
  });

  it('has at least 200 followers with Vietnamese names, phones, cities and tags', () => {
    expect(followers.length).toBeGreaterThanOrEqual(200);
    expect(followers.every((f) => /^\p{Lu}\p{L}* \p{Lu}\p{L}* \p{Lu}\p{L}*$/u.test(f.display_name))).toBe(true);
    const withInfo = followers.filter((f) => f.shared_info);
    expect(withInfo.length).toBeGreaterThan(100);
    expect(withInfo.every((f) => /^84[1-9]\d{8}$/.test(f.shared_info!.phone!))).toBe(true);
    expect(new Set(withInfo.map((f) => f.shared_info!.city)).size).toBeGreaterThanOrEqual(5);
    expect(followers.filter((f) => f.tags.has('VIP')).length).toBeGreaterThan(10);
  });

  it('spreads followers over every message window', () => {
    const ages = followers.map((f, i) => ({ age: now - f.last_interaction_ms, window: windowOf(i), follows: f.is_follower }));
    expect(ages.filter((a) => a.window === 'within_48h').every((a) => a.age < CS_FREE_WINDOW_MS)).toBe(true);
    expect(ages.filter((a) => a.window === 'within_7d').every((a) => a.age > CS_FREE_WINDOW_MS && a.age < CS_MAX_WINDOW_MS)).toBe(true);
    expect(ages.filter((a) => a.window === 'expired').every((a) => a.age > CS_MAX_WINDOW_MS)).toBe(true);
    expect(ages.filter((a) => a.window === 'unfollowed').every((a) => !a.follows)).toBe(true);
    for (const w of ['within_48h', 'within_7d', 'expired', 'unfollowed']) expect(ages.filter((a) => a.window === w).length).toBeGreaterThan(15);
  });

  it('has recent conversations where the user wrote last', () => {
    const recent = shop.messages.filter((m) => now - m.time < CS_FREE_WINDOW_MS);
    expect(recent.length).toBeGreaterThan(30);
    const latest = shop.messages[0]!;
    expect(latest.src).toBe(1);
    expect(shop.messages.every((m, i) => i === 0 || shop.messages[i - 1]!.time >= m.time)).toBe(true);
  });
});
