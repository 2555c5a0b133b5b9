/**
 * `node dist/index.js --sandbox` exits promptly when its client closes stdin (issue 13, item 1),
 * answering what it already read, and leaves no temp folder.
 */
import { describe, expect, it } from 'vitest';
import { INIT, leftovers, scratch, start } from './spawn.js';


describe('stdio --sandbox exits when its input closes', () => {
  it('with stdin at EOF from the start (</dev/null): promptly, code 0, no temp folder left', async () => {
    const where = scratch();
    const run = start(['--sandbox'], where);
    run.child.stdin!.end();
    const { code, ms } = await run.exit;
    expect(code).toBe(0);
    expect(run.stderr()).toMatch(/sandbox Zalo simulator on/);
    expect(ms).toBeLessThan(5_000);
    expect(leftovers(where.tmp)).toEqual([]);
  });

  it('after answering the requests it had already read', async () => {
    const where = scratch();
    const run = start(['--sandbox'], where);
    const lines = [INIT, { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'oa_get_profile', arguments: {} } }];
    run.child.stdin!.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { code } = await run.exit;
    expect(code).toBe(0);
    const answers = run.stdout().trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { name: string } } });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[1]!.result.structuredContent!.name).toBe('Hoa Sen Boutique');
    expect(leftovers(where.tmp)).toEqual([]);
  });
});

