/**
 * The text copy of a tool result. structuredContent carries the exact JSON; many clients show the
 * model only the text, so it must hold every value too, but it need not be a second JSON document.
 * The line rendering (indented `key: value` lines, arrays of like objects as a header and rows,
 * as in TOON) costs fewer tokens than JSON for lists of objects. Strings that could be misread
 * (empty, padded, with a comma, quote or newline, starting like a list or object, or spelling
 * true/false/null) are written as JSON strings; every other string is bare, digits included.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Types are in structuredContent and the output schema, so an id of digits needs no quotes here.
const PLAIN = /^[^\s"{[,-](?:[^\n\r",]*[^\s",])?$/;
const LITERAL = /^(?:true|false|null)$/;

function scalar(v: Json | undefined): string {
  if (typeof v === 'string') return PLAIN.test(v) && !LITERAL.test(v) ? v : JSON.stringify(v);
  return v === undefined ? 'null' : JSON.stringify(v);
}

const isScalar = (v: unknown): v is null | boolean | number | string => v === null || typeof v !== 'object';

/** Leaf paths of an object whose values are scalars or such objects; null if it holds an array. */
function leafPaths(v: { [key: string]: Json }, prefix = ''): string[] | null {
  const out: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (/[.,{}\s]/.test(k) || k === '') return null; // a key the header could not spell unambiguously
    if (isScalar(x)) out.push(prefix + k);
    else if (Array.isArray(x) || Object.keys(x).length === 0) return null;
    else {
      const inner = leafPaths(x, `${prefix}${k}.`);
      if (!inner) return null;
      out.push(...inner);
    }
  }
  return out;
}

/**
 * The columns of a list whose elements are objects of one shape (nested objects flatten to
 * dotted names, e.g. last_message.text), else null.
 */
function tableKeys(items: Json[]): string[] | null {
  if (items.length < 2) return null;
  let keys: string[] | null = null;
  for (const item of items) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
    const paths = leafPaths(item);
    if (!paths || paths.length === 0 || (keys && (paths.length !== keys.length || paths.some((p, i) => p !== keys![i])))) return null;
    keys = paths;
  }
  return keys;
}

function at(row: Json, path: string): Json {
  let v: Json = row;
  for (const k of path.split('.')) v = (v as { [key: string]: Json })[k]!;
  return v;
}

/** Push the lines of `value` at `indent`; without a label it is a list item ("- "). */
function lines(value: Json, indent: string, out: string[], label: string): void {
  const head = label ? `${indent}${label}` : `${indent.slice(0, -2)}- `;
  const sep = label ? ': ' : '';
  if (isScalar(value)) return void out.push(`${head}${sep}${scalar(value)}`);
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push(`${head}${sep}[]`);
    if (value.every(isScalar)) return void out.push(`${head}[${value.length}]: ${value.map(scalar).join(',')}`);
    const keys = tableKeys(value);
    if (keys) {
      out.push(`${head}[${value.length}]{${keys.join(',')}}:`);
      for (const row of value) out.push(`${indent}  ${keys.map((k) => scalar(at(row, k))).join(',')}`);
      return;
    }
    out.push(`${head}[${value.length}]:`);
    for (const item of value) lines(item, `${indent}    `, out, '');
    return;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return void out.push(`${head}${sep}{}`);
  if (label) {
    out.push(`${head}:`);
    for (const [k, v] of entries) lines(v, `${indent}  `, out, k);
    return;
  }
  // A list item's first key shares the "- " line, as in YAML.
  const sub: string[] = [];
  for (const [k, v] of entries) lines(v, indent, sub, k);
  out.push(`${head}${sub[0]!.trimStart()}`, ...sub.slice(1));
}

function hasTable(v: Json): boolean {
  if (isScalar(v)) return false;
  if (Array.isArray(v)) return tableKeys(v) !== null || v.some(hasTable);
  return Object.values(v).some(hasTable);
}

/**
 * A result (a JSON object) as text: compact JSON, or the line rendering when the result holds a
 * list of like objects (messages, products...), where it saves about a fifth; for single objects
 * and lists of ids JSON is as cheap, so it stays JSON.
 */
export function compactText(data: Record<string, unknown>): string {
  const json = JSON.stringify(data);
  // Results are plain JSON data already; parse (dropping undefined) only for the line rendering.
  if (!hasTable(data as Record<string, Json>)) return json;
  const value = JSON.parse(json) as Record<string, Json>;
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) lines(v, '', out, k);
  return out.join('\n');
}
