/** `npm run demo` is the README's first command: it must run the whole walk-through. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('npm run demo (dist/demo.js)', () => {
  it('walks through a support round on the sandbox', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/demo.js'], { timeout: 30_000 });
    for (const heading of ['Who wrote to us recently?', 'Read the conversation', 'Can we still message them', 'Reply', 'Tag the customer', 'The reply in the history']) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toMatch(/sent message \d+/);
    expect(stdout).toMatch(/tags now: .*VIP/);
    expect(stdout).toContain('Dạ Hoa Sen chào');
    // Past 7 days: the consultation message is refused, an approved template by user_id gets through.
    expect(stdout).toContain('A customer who last wrote more than 7 days ago');
    expect(stdout).toMatch(/refused: .*\(Zalo error -230\)/);
    expect(stdout).toMatch(/→ zns_send\(\{"user_id":"\d+"/);
    expect(stdout).toMatch(/sent template message \d+ to .+ \(by user_id\)/);
    expect(stdout).not.toMatch(/messages_send_transaction|messages_send_list/);
    const inbox = /Busy hour[\s\S]*✉[\s\S]*unanswered: (\d+) → (\d+)/.exec(stdout);
    expect(Number(inbox?.[2])).toBe(Number(inbox?.[1]) - 2);
    expect(stderr).not.toMatch(/sbx_(at|rt)_/);
  }, 40_000);
});
