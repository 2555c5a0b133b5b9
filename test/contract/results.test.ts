/**
 * What a result costs the model: structuredContent stays whole, the text copy is compact (issue
 * 14), and resource reads are JSON without indentation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactText } from '../../src/tools/compact-text.js';
import { createTestContext, type TestContext } from '../harness.js';
import { countTokens } from '../../bench/tokens.mjs';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const scalars = (v: Json): Array<string | number | boolean | null> =>
  v === null || typeof v !== 'object' ? [v] : Array.isArray(v) ? v.flatMap(scalars) : Object.values(v).flatMap(scalars);

describe('compactText', () => {
  it('is plain JSON when the result holds no list of like objects', () => {
    const page = { items: ['100', '200'], offset: 0, count: 2, next_offset: null };
    expect(compactText(page)).toBe(JSON.stringify(page));
    const profile = { user_id: '1', tags: ['vip'], shared_info: { phone: '84912345678' } };
    expect(compactText(profile)).toBe(JSON.stringify(profile));
  });

  it('writes a list of like objects as a header and rows, quoting only what could be misread', () => {
    const text = compactText({
      items: [
        { id: '1', text: 'hi, there', n: 2, ok: true },
        { id: '2', text: 'true', n: null, ok: false },
        { id: '3', text: '', n: 0, ok: true },
        { id: '4', text: 'line\nbreak', n: -1, ok: true },
      ],
      next_offset: null,
    });
    expect(text).toBe(
      ['items[4]{id,text,n,ok}:', '  1,"hi, there",2,true', '  2,"true",null,false', '  3,"",0,true', '  4,"line\\nbreak",-1,true', 'next_offset: null'].join('\n'),
    );
  });

  it('flattens nested objects of one shape into dotted columns; other shapes stay lists', () => {
    const rows = [{ id: '1', last: { text: 'a', at: 1 } }, { id: '2', last: { text: 'b', at: 2 } }];
    expect(compactText({ items: rows })).toBe(['items[2]{id,last.text,last.at}:', '  1,a,1', '  2,b,2'].join('\n'));
    const odd = { items: [{ 'a.b': 1 }, { 'a.b': 2 }] };
    expect(compactText(odd)).toBe(JSON.stringify(odd));
    const ragged = { items: [{ id: '1', last: { text: 'a' } }, { id: '2', last: null }] };
    expect(compactText(ragged)).toBe(JSON.stringify(ragged));
  });

  it('renders nested and mixed values as indented lines and list items', () => {
    const text = compactText({ rows: [{ a: 1 }, { a: 2 }], mixed: [{ x: { y: 'z' } }, 'plain', [1, 2]], empty: [], none: {} });
    expect(text).toBe(['rows[2]{a}:', '  1', '  2', 'mixed[3]:', '  - x:', '      y: z', '  - plain', '  - [2]: 1,2', 'empty: []', 'none: {}'].join('\n'));
  });
});

describe('tool results and resource reads', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('a page of messages: structuredContent whole, text with every value and fewer tokens than JSON', async () => {
    const counts = new Map<string, number>();
    for (const m of t.sim.oa().messages) counts.set(m.user_id, (counts.get(m.user_id) ?? 0) + 1);
    const [userId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const r = await t.call('conversations_get_history', { user_id: userId, count: 10 });
    expect(r.isError).toBeFalsy();
    const structured = r.structuredContent as Json;
    const text = (r.content[0] as { text: string }).text;
    expect((structured as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(5);
    for (const v of scalars(structured)) if (typeof v === 'string' && v !== '' && !/[",\n]/.test(v)) expect(text).toContain(v);
    expect(countTokens(text)).toBeLessThan(countTokens(JSON.stringify(structured)) * 0.9);
  });

  it('resource reads are compact JSON', async () => {
    const r = await t.client.readResource({ uri: 'zalo://oa/shop/profile' });
    const body = (r.contents[0] as { text: string }).text;
    expect(body).not.toContain('\n');
    expect(JSON.parse(body).oa_id).toBe(t.sim.oa().account.oaId);
  });
});
