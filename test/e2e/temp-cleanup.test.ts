/**
 * No temp folder survives any exit path of the built server, the demo and login (issue 13,
 * items 2 and 4): signals, start-up errors, interrupted login; login --sandbox and accounts
 * --sandbox share one sandbox token store.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leftovers, scratch, start } from './spawn.js';

describe('no temp folder survives any exit path', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stdio --sandbox stopped with ${signal}`, async () => {
      const where = scratch();
      const run = start(['--sandbox'], where);
      await run.waitFor(/ready on stdio/);
      expect(leftovers(where.tmp)).toHaveLength(1); // the sandbox's throwaway token store, while running
      run.child.kill(signal);
      const { ms } = await run.exit;
      expect(ms).toBeLessThan(10_000);
      expect(leftovers(where.tmp)).toEqual([]);
    });
  }

  it('--http --sandbox stopped with SIGTERM', async () => {
    const where = scratch();
    const run = start(['--http', '--sandbox', '--port', '0'], where);
    await run.waitFor(/listening|http:\/\/127\.0\.0\.1:\d+\/mcp/i);
    run.child.kill('SIGTERM');
    await run.exit;
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('a start-up error after the sandbox started (unknown toolset)', async () => {
    const where = scratch();
    const run = start(['--sandbox', '--toolsets', 'mesages'], where);
    const { code } = await run.exit;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/unknown toolset "mesages" \(did you mean "messages"\?\)/);
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('the demo (which starts its own server)', async () => {
    const where = scratch();
    const run = start([], where, {}, resolve('dist/demo.js'));
    run.child.stdin!.end();
    const { code } = await run.exit;
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toContain('The reply in the history');
    expect(leftovers(where.tmp)).toEqual([]);
  }, 40_000);

  it('login --sandbox interrupted while waiting for the browser', async () => {
    const where = scratch();
    const run = start(['login', '--sandbox', '--no-open', '--port', '0'], where);
    await run.waitFor(/Waiting for Zalo/);
    run.child.kill('SIGINT');
    await run.exit;
    expect(leftovers(where.tmp)).toEqual([]);
  });
});

describe('login --sandbox, then accounts --sandbox', () => {
  it('share one sandbox token store (not a throwaway file, never the real tokens.json)', async () => {
    const where = scratch();
    const login = start(['login', '--sandbox', '--no-open', '--port', '0'], where);
    await login.waitFor(/Waiting for Zalo/);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/v4\/oa\/permission\?\S+)/.exec(login.stderr())![1]!;
    const answer = await fetch(url); // the simulator approves and redirects to login's callback
    expect(answer.status).toBe(200);
    expect((await login.exit).code).toBe(0);
    expect(login.stderr()).toMatch(/Logged in: OA "shop".*sandbox-tokens\.json/);

    const accounts = start(['accounts', '--sandbox', '--json'], where);
    accounts.child.stdin!.end();
    expect((await accounts.exit).code).toBe(0);
    const rows = JSON.parse(accounts.stdout()) as Array<{ alias: string; token_source: string }>;
    expect(rows.find((r) => r.alias === 'shop')!.token_source).toBe('store');
    expect(readdirSync(join(where.home, '.config', 'zalo-oa-mcp'))).toEqual(['sandbox-tokens.json']);
    expect(leftovers(where.tmp)).toEqual([]);
  });
});
