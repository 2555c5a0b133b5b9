/**
 * The token lifecycle from outside the process: real child processes on the built client share
 * one token file in front of one simulator (in this process, so it survives every kill) whose
 * refresh tokens are single-use. One storm and a few kills here; the long loops (10 storms,
 * 60 kills) are `npm run test:token-faults`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killTrial, setup, stormTrial, type TrialEnv } from '../../scripts/token-faults/trials.mjs';

describe('token file shared by processes', () => {
  let env: TrialEnv;
  beforeAll(async () => { env = await setup(); });
  afterAll(async () => { await env?.close(); });

  it('3 processes × 200 concurrent calls across an access-token expiry: exactly 1 refresh request, 0 failed calls', async () => {
    const r = await stormTrial(env, { procs: 3, calls: 200 });
    expect(r.errors).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.refreshes).toBe(1);
  }, 60_000);

  it('a process SIGKILLed at a random moment of a refresh loop leaves a store a restart can use', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await killTrial(env, 20 + Math.random() * 80);
      expect(r.corrupt).toBe(false);
      expect(r.mode).toBe(0o600);
      if (r.inFlight) {
        // Zalo rotated the pair and the answer died with the process: no client can survive that.
        expect(r.error).toMatch(/invalid or has been used/);
        await env.close();
        env = await setup();
      } else {
        expect(r.error).toBeUndefined();
        expect(r.lockedOut).toBe(false);
      }
    }
  }, 60_000);
});
