/**
 * What a newcomer and the model read first names only tools they actually have (issue 13,
 * item 5): the server's instructions for each selection, and the README's example session for
 * the default selection.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { serverInstructions } from '../../src/server.js';
import { ALL_TOOLS, selectTools } from '../../src/tools/registry.js';

const TOOL_NAME = new RegExp(`\\b(?:${ALL_TOOLS.map((t) => t.name).join('|')})\\b`, 'g');
const config = (toolsets: string, readOnly = false) =>
  loadConfig({ env: { ZALO_SANDBOX: '1', ZALO_TOKEN_FILE: '/nonexistent/zalo-test/tokens.json', ZALO_TOOLSETS: toolsets, ZALO_READ_ONLY: readOnly ? '1' : '0' }, dotenvPath: null });

describe('names of tools in what is read first', () => {
  for (const [toolsets, readOnly] of [['default', false], ['default', true], ['zns', false], ['messages,zns', false], ['all', false]] as const) {
    it(`server instructions with ${toolsets}${readOnly ? ', read-only' : ''}`, () => {
      const c = config(toolsets, readOnly);
      const selected = selectTools(c).map((t) => t.name);
      const named = serverInstructions(c, selected).match(TOOL_NAME) ?? [];
      expect(named.filter((n) => !selected.includes(n))).toEqual([]);
    });
  }

  it('mentions followers_check_status and zns_send when the selection has them', () => {
    const c = config('all');
    const text = serverInstructions(c, selectTools(c).map((t) => t.name));
    expect(text).toContain('followers_check_status');
    expect(text).toContain('zns_send');
  });

  it("the README's example session uses only tools of the default selection", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## What a session looks like'), readme.indexOf('\n## ', readme.indexOf('## What a session looks like') + 3));
    const named = section.match(TOOL_NAME) ?? [];
    expect(named.length).toBeGreaterThan(2);
    const defaults = selectTools(config('default')).map((t) => t.name);
    expect(named.filter((n) => !defaults.includes(n))).toEqual([]);
  });

  it("the README's first screen goes from clone to a client set-up that works before publishing", () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.split('\n').slice(3, 5).join('\n')).toMatch(/^npm install && npm run demo .*\nnpm test /);
    const top = readme.slice(0, readme.indexOf('## What a session looks like'));
    for (const step of ['npm pack && npm install -g ./zalo-oa-mcp-', 'dist/index.js', 'claude mcp add zalo-oa -- zalo-oa-mcp --sandbox', 'code --add-mcp', 'cursor://', 'mcpServers', 'zalo-oa-mcp login', '.env.example']) {
      expect(top, step).toContain(step);
    }
    // The npx form only works once the package is on npm: it may appear only where it says so.
    for (const line of readme.split('\n').filter((l) => /npx (-y )?zalo-oa-mcp/.test(l))) expect(line).toMatch(/published/);
  });
});
