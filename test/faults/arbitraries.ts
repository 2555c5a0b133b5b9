/**
 * fast-check arbitraries built from a tool's advertised JSON Schema (the keywords our schemas
 * use): near-valid values most of the time (patterns, enums, bounds), with off-by-one limits,
 * wrong types, odd strings and unknown or reserved keys mixed in.
 */
import fc from 'fast-check';

export type Schema = {
  type?: string; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; pattern?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; maxItems?: number;
  items?: Schema; additionalProperties?: Schema | boolean; propertyNames?: Schema;
};

const oddString = fc.oneof(
  fc.constantFrom('', ' ', '..', '../../etc/passwd', '..notes.pdf', '%E0%A4%A', '%zz', '%', 'a%2Fb', '\u0000', '\n', '😀'.repeat(3), 'null', '-1', '1e309', '__proto__', 'constructor', 'https://', 'http://127.0.0.1:1/x.png', 'data:,', 'file:///etc/passwd'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function stringArb(s: Schema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [oddString, fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) })];
  if (s.pattern) options.push(fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? Infinity)), fc.stringMatching(new RegExp(s.pattern)));
  if (s.maxLength !== undefined && s.maxLength <= 5000) options.push(fc.constant('9'.repeat(s.maxLength + 1)));
  if (s.minLength) options.push(fc.constant('1'.repeat(s.minLength - 1)));
  return fc.oneof(...options);
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? -1e6;
  const max = s.maximum ?? 1e6;
  return fc.oneof(
    fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
    fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
    integer ? fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }) : fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
}

/** An arbitrary for a JSON Schema node: near-valid most of the time, anything some of the time. */
function arb(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.jsonValue({ maxDepth: 2 });
  let right: fc.Arbitrary<unknown>;
  if (s.enum) right = fc.oneof(fc.constantFrom(...s.enum), oddString);
  else if (s.type === 'string') right = stringArb(s);
  else if (s.type === 'integer' || s.type === 'number') right = numberArb(s, s.type === 'integer');
  else if (s.type === 'boolean') right = fc.boolean();
  else if (s.type === 'array') right = fc.array(s.items ? arb(s.items, depth + 1) : wrong, { maxLength: Math.min((s.maxItems ?? 4) + 1, 6) });
  else if (s.type === 'object' && depth < 4) right = objectArb(s, depth);
  else right = wrong;
  return fc.oneof({ arbitrary: right, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

export function objectArb(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => k !== 'oa').map(([k, v]) => [k, arb(v, depth + 1)]));
  const known = fc.record(props, { requiredKeys: [] });
  const extraKey = s.propertyNames ? fc.oneof(stringArb(s.propertyNames), oddString) : fc.oneof(oddString, fc.constantFrom('constructor', 'prototype', 'extra'));
  const extraValue = typeof s.additionalProperties === 'object' ? arb(s.additionalProperties, depth + 1) : fc.jsonValue({ maxDepth: 1 });
  const extras = fc.dictionary(extraKey, extraValue, { maxKeys: s.additionalProperties === false ? 1 : 4 });
  const withRequired = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  return fc
    .tuple(fc.oneof({ arbitrary: withRequired, weight: 3 }, { arbitrary: known, weight: 1 }), fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: extras, weight: 1 }))
    .map(([a, b]) => ({ ...b, ...a }));
}

