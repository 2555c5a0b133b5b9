/**
 * `npm run sandbox` says what the sandbox is (issue 13, item 4): where it listens, each OA's
 * credentials that work against it, and why 220 seeded users show as 198 followers.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/credentials.js';
import { leftovers, scratch, start } from './spawn.js';

describe('npm run sandbox (dist/sandbox/main.js)', () => {
  it('prints the URLs, the built-in credentials and the follower counts, and stops on SIGTERM', async () => {
    const where = scratch();
    const run = start([], where, {}, resolve('dist/sandbox/main.js'));
    await run.waitFor(/Press Ctrl\+C to stop/);
    const out = run.stdout();
    expect(out).toMatch(/ZALO_OPENAPI_URL=http:\/\/127\.0\.0\.1:\d+\/openapi/);
    for (const a of SANDBOX_ACCOUNTS) {
      expect(out).toContain(`ZALO_APP_ID=${a.appId}`);
      expect(out).toContain(`ZALO_APP_SECRET=${a.appSecret}`);
      expect(out).toContain(`ZALO_REFRESH_TOKEN=${a.refreshToken}`);
    }
    expect(out).toMatch(/OA "shop" \(default\): 220 seeded users, 198 following/);
    expect(out).toMatch(/Access tokens live 90000 s/);
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    expect(leftovers(where.tmp)).toEqual([]);
  });
});
