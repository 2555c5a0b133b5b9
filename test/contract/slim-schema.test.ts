/**
 * The slimming rules of tools/list (src/tools/slim-schema.ts), each on a small schema: what a
 * model does not need leaves the advertised JSON, while validation keeps every rule.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quiet, slimInputSchema, slimOutputSchema } from '../../src/tools/slim-schema.js';

describe('slimInputSchema', () => {
  const input = z
    .object({
      id: z.string().regex(/^\d{1,25}$/, 'must be digits').describe('Follower user_id'),
      title: z.string().min(1).max(150).describe('Title (1-150 characters)'),
      text: z.string().min(1).max(2000).describe('Message text'),
      kind: z.enum(['a', 'b']).default('a').describe('Kind'),
      page: z.number().int().min(1).max(50).default(20).describe('Page size'),
      url: quiet(z.string().max(2000), 'maxLength').describe('Link'),
      big: z.number().int().min(0).max(10_000).describe('Up to 10,000'),
    })
    .strict();
  const schema = slimInputSchema(input) as unknown as { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties: boolean };

  it('drops patterns, minLength 1, small minimums, type beside enum, and bounds the description states', () => {
    expect(schema.properties.id).toEqual({ type: 'string', description: 'Follower user_id' });
    expect(schema.properties.title).toEqual({ type: 'string', description: 'Title (1-150 characters)' });
    expect(schema.properties.kind).toEqual({ default: 'a', enum: ['a', 'b'], description: 'Kind' });
    expect(schema.properties.big).toEqual({ type: 'integer', description: 'Up to 10,000' });
  });

  it('keeps the limits that matter, defaults, required and strictness', () => {
    expect(schema.properties.text).toEqual({ type: 'string', maxLength: 2000, description: 'Message text' });
    expect(schema.properties.page).toEqual({ default: 20, type: 'integer', maximum: 50, description: 'Page size' });
    expect(schema.required).toEqual(['id', 'title', 'text', 'url', 'big']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('leaves out what a field marks quiet(), and validation still enforces all of it', () => {
    expect(schema.properties.url).toEqual({ type: 'string', description: 'Link' });
    const ok = { id: '1', title: 't', text: 'x', url: 'u', big: 0 };
    expect(input.safeParse(ok).success).toBe(true);
    for (const bad of [{ id: 'x' }, { title: '' }, { title: 'x'.repeat(151) }, { url: 'u'.repeat(2001) }, { page: 0 }, { big: 10_001 }]) {
      expect(input.safeParse({ ...ok, ...bad }).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });
});

describe('slimOutputSchema', () => {
  it('keeps names and types; drops required, descriptions and implied nested types', () => {
    const out = slimOutputSchema({
      items: z.array(z.object({ id: z.string().describe('Id'), at: z.string().nullable() })).describe('Rows'),
      status: z.enum(['show', 'hide']),
      next_offset: z.number().nullable(),
    });
    expect(out).toEqual({
      type: 'object',
      properties: {
        items: { items: { properties: { id: { type: 'string' }, at: { type: ['string', 'null'] } } } },
        status: { enum: ['show', 'hide'] },
        next_offset: { type: ['number', 'null'] },
      },
    });
  });
});
