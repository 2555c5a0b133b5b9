/**
 * Registry-wide invariants (GitHub MCP server style): they hold for every tool, so a new tool
 * that breaks the contract fails here before a model ever sees it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CREATE, DELETE, READ, UPDATE, type Annotations } from '../../src/tools/define-tool.js';
import { ALL_TOOLS, TOOLSET_INFO, TOOLSETS, UNGROUPED_TOOLS } from '../../src/tools/registry.js';
import { README_END, README_START, renderToolsMarkdown, renderToolsetTable } from '../../src/tools/docs.js';

const DESIGN_NAMES: Record<string, string[]> = {
  oa: ['oa_get_profile', 'oa_get_quota', 'oa_update_menu'],
  followers: ['followers_list', 'followers_get_profile', 'followers_update_info', 'followers_check_status', 'followers_search', 'followers_sync'],
  inbox: ['inbox_list_unanswered', 'inbox_list_events'],
  tags: ['tags_list', 'tags_add_follower', 'tags_remove_follower', 'tags_delete'],
  conversations: ['conversations_list_recent', 'conversations_get_history'],
  messages: ['messages_send_text', 'messages_send_image', 'messages_send_file', 'messages_send_sticker', 'messages_send_request_info', 'messages_react', 'messages_send_group_text', 'messages_get_status'],
  zns: ['zns_send', 'zns_list_templates', 'zns_get_template', 'zns_get_quota', 'zns_get_message_status'],
  media: ['media_upload_image', 'media_upload_gif', 'media_upload_file'],
  articles: ['articles_create', 'articles_update', 'articles_delete', 'articles_list', 'articles_get', 'articles_upload_video', 'articles_get_video_status', 'articles_broadcast'],
  calls: ['calls_request_permission', 'calls_check_permission', 'calls_create_link'],
};

/**
 * What each verb promises a client. A tool's verb is the first word after its toolset that this
 * table knows (`store_products_create` → create); a tool with no known verb fails, so a new verb
 * is a decision written down here, not an accident.
 */
const VERBS: Record<string, Annotations> = {
  get: READ, list: READ, check: READ, search: READ,
  // Copies Zalo's data into the local index; nothing changes on Zalo, and a rerun is harmless.
  sync: READ,
  // Each call reaches a person or makes a new object (an upload, a permission request): not idempotent.
  send: CREATE, create: CREATE, upload: CREATE, request: CREATE, broadcast: CREATE, react: CREATE,
  update: UPDATE, add: UPDATE, remove: UPDATE,
  delete: DELETE,
};

function verbOf(name: string, toolset: string): string | undefined {
  return name.slice(toolset.length + 1).split('_').find((w) => w in VERBS);
}

describe('tool registry invariants', () => {
  it('groups toolsets from each tool\'s own toolset field; every toolset has tools', () => {
    expect(UNGROUPED_TOOLS.map((t) => `${t.name} (toolset "${t.toolset}")`)).toEqual([]);
    expect(TOOLSETS.map((s) => s.name)).toEqual(TOOLSET_INFO.map((s) => s.name));
    for (const set of TOOLSETS) {
      expect(set.tools.length, set.name).toBeGreaterThan(0);
      for (const t of set.tools) expect(t.toolset, t.name).toBe(set.name);
    }
    expect(ALL_TOOLS.length).toBe(TOOLSETS.reduce((n, s) => n + s.tools.length, 0));
  });

  it('annotates every tool as its verb promises (verb table above)', () => {
    for (const t of ALL_TOOLS) {
      const verb = verbOf(t.name, t.toolset);
      expect(verb, `${t.name}: no known verb; add it to VERBS with its annotations`).toBeDefined();
      const { openWorldHint: _o, ...expected } = VERBS[verb!]!;
      const { openWorldHint, ...actual } = t.annotations;
      expect(actual, `${t.name} (${verb})`).toEqual(expected);
      expect(typeof openWorldHint, t.name).toBe('boolean');
    }
  });

  it('has unique names of the form <toolset>_<verb>, at most 64 characters', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of ALL_TOOLS) {
      expect(t.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(t.name.length).toBeLessThanOrEqual(64);
      expect(t.name.startsWith(`${t.toolset}_`), t.name).toBe(true);
      expect(t.name).not.toMatch(/^zalo_/);
    }
  });

  it('contains every tool DESIGN.md names for the foundation toolsets', () => {
    for (const [toolset, names] of Object.entries(DESIGN_NAMES)) {
      const actual = TOOLSETS.find((t) => t.name === toolset)!.tools.map((t) => t.name).sort();
      expect(actual, toolset).toEqual([...names].sort());
    }
  });

  it('writes out all four annotation hints; sends are not idempotent, deletes are destructive', () => {
    for (const t of ALL_TOOLS) {
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof t.annotations[hint], `${t.name}.${hint}`).toBe('boolean');
      }
      if (/_send_|_create$/.test(t.name)) expect(t.annotations.idempotentHint, t.name).toBe(false);
      if (/_delete$/.test(t.name)) expect(t.annotations.destructiveHint, t.name).toBe(true);
      if (t.annotations.readOnlyHint) expect(t.annotations.destructiveHint, t.name).toBe(false);
    }
  });

  it('has a short description and a title', () => {
    for (const t of ALL_TOOLS) {
      expect(t.title.length, t.name).toBeGreaterThan(3);
      const sentences = t.description.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, `${t.name}: ${t.description}`).toBeLessThanOrEqual(3);
      expect(t.description.length, t.name).toBeLessThanOrEqual(400);
    }
  });

  it('describes every input field, bounds every integer and string, and has no top-level union', () => {
    for (const t of ALL_TOOLS) {
      const schema = z.toJSONSchema(z.object(t.input), { io: 'input' }) as { properties?: Record<string, Record<string, unknown>>; anyOf?: unknown; oneOf?: unknown };
      expect(schema.anyOf, t.name).toBeUndefined();
      expect(schema.oneOf, t.name).toBeUndefined();
      expect(Object.keys(t.input)).not.toContain('oa'); // the server adds it to every tool
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        expect(prop.description, `${t.name}.${field} has no description`).toBeTruthy();
        const text = JSON.stringify(prop);
        expect(text, `${t.name}.${field} has an unbounded integer`).not.toMatch(/9007199254740991/);
        if (prop.type === 'string' && !prop.enum && !prop.format) expect(prop.maxLength ?? prop.pattern, `${t.name}.${field} unbounded string`).toBeDefined();
      }
    }
  });

  it('takes no token or secret as input', () => {
    for (const t of ALL_TOOLS) {
      for (const field of Object.keys(t.input)) expect(field, t.name).not.toMatch(/secret|access_token|refresh_token|password/i);
    }
  });
});

describe('generated docs', () => {
  it('docs/tools.md matches the registry (run npm run gen-docs)', () => {
    expect(readFileSync('docs/tools.md', 'utf8')).toBe(renderToolsMarkdown());
  });

  it('the README tool table matches the registry (run npm run gen-docs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END)).trim();
    expect(block).toBe(renderToolsetTable());
  });
});
