/**
 * A malformed accounts file must not print the app secret in the start-up error: the YAML parser
 * quotes the offending line with a caret, V8's JSON.parse a slice of the text, and on a one-line
 * file that line holds the secret. Built server (dist/), real child process.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tmp.js';

const entry = resolve('dist/index.js');
const SECRET = 'app-secret-VISIBLE-4f7a9c2e1b';
const REFRESH = 'refresh-token-VISIBLE-8d3b5a';

function runWithAccounts(name: string, text: string) {
  const cwd = tempDir('zalo-accounts-');
  writeFileSync(join(cwd, name), text);
  return spawnSync(process.execPath, [entry], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ZALO_ACCOUNTS_FILE: join(cwd, name) }, encoding: 'utf8', timeout: 15_000, input: '',
  });
}

describe('start-up errors never print the app secret', () => {
  it.each([
    ['accounts.yaml', `[{alias: shop, app_id: 1, app_secret: ${SECRET}, refresh_token: ${REFRESH}: x}]`],
    ['accounts.yaml', `- {alias: shop, app_id: 1, app_secret: "${SECRET}, refresh_token: ${REFRESH}}`],
    ['accounts.yml', `accounts: [ alias: shop app_secret: ${SECRET} ]]`],
    ['accounts.json', `[{"alias":"shop","app_id":"1","app_secret":"${SECRET}","refresh_token":"${REFRESH}" x}]`],
    ['accounts.json', `[{"alias":"shop","app_id":"1","app_secret":"${SECRET}","refresh_token":"${REFRESH}"}}`],
    ['accounts.json', `{"accounts": [{"alias":"shop","app_id":"1","app_secret":${SECRET}}]}`],
  ])('%s: %s', (name, text) => {
    const r = runWithAccounts(name, text);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^zalo-oa-mcp: ZALO_ACCOUNTS_FILE .*${name.replace('.', '\\.')} could not be read as (YAML|JSON): `));
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain(SECRET.slice(0, 12));
    expect(r.stderr).not.toContain(REFRESH.slice(0, 12));
  });
});
