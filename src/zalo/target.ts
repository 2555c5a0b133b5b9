/**
 * Where a request goes, as undici's dispatcher takes it: an origin and a path. Each base URL is
 * parsed once; handing undici a whole URL string made it parse one with every call (issue 14).
 */
import type { RequestOptions } from './client.js';
import { wireJson } from './wire.js';

export interface BaseTarget {
  origin: string;
  /** The base URL's path (a proxy prefix such as /zalo/openapi), '' for none. */
  prefix: string;
}

/** `?…` with the query parameters and Zalo's JSON `data` parameter, or '' when there are none. */
export function queryString(opts: Pick<RequestOptions, 'query' | 'data'>): string {
  if (opts.data === undefined && opts.query === undefined) return '';
  const params = new URLSearchParams();
  if (opts.data !== undefined) params.set('data', wireJson(opts.data));
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The origin and prefix of `base`, parsed on first use and kept in `cache`. */
export function baseTarget(cache: Map<string, BaseTarget>, base: string): BaseTarget {
  let t = cache.get(base);
  if (!t) {
    const u = new URL(base);
    cache.set(base, (t = { origin: u.origin, prefix: u.pathname === '/' ? '' : u.pathname }));
  }
  return t;
}
