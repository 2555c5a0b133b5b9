/**
 * The server runs on the simulator's clock (issue 13, item 12): moving the simulator forward moves
 * what tools compute from "now", so time-dependent answers are tested without the wall clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.js';
import { files } from './uploads/fixtures.js';

let t: TestContext | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

const DAY = 24 * 3_600_000;

describe('runtime clock', () => {
  it('follows sim.advance(): an upload made "30 days later" expires 7 days after that', async () => {
    t = await createTestContext();
    t.sim.advance(30 * DAY);
    expect(Math.abs(t.runtime.now() - t.sim.state.now())).toBeLessThan(50);
    const r = await t.ok<{ expires_at: string }>('media_upload_image', { base64: files.png(256).toString('base64') });
    const expected = t.sim.state.now() + 7 * DAY;
    expect(Math.abs(Date.parse(r.expires_at) - expected)).toBeLessThan(5_000);
    expect(Date.parse(r.expires_at) - Date.now()).toBeGreaterThan(36 * DAY); // not the wall clock's 7 days
  });
});
