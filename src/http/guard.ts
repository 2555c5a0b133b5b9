/**
 * The checks every /mcp request passes before the MCP transport sees it: Host and Origin
 * (DNS-rebinding protection) and the bearer token. Pure functions, so the matrix is easy to test.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith('.localhost');
}

/** The hostname part of a Host header (`[::1]:3000` → `[::1]`, `a.b:80` → `a.b`). */
function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

export interface GuardOptions {
  /** The server is bound to a loopback address. */
  loopback: boolean;
  /** Exact origins (scheme://host[:port]) browsers may call from. */
  allowedOrigins: string[];
  /** Accepted bearer tokens by name; none means no token is asked for (loopback only). */
  tokens: Array<{ name: string; token: string }>;
}

export type GuardFailure = { status: 401 | 403; message: string };
/** The request passed; `owner` names the token it carried (undefined when no token is configured). */
export type GuardPass = { owner: string | undefined };

/**
 * Host/Origin first (a rebinding page must learn nothing, not even that a token is needed), then
 * the token. Requests without Origin are non-browser clients and pass the Origin check.
 */
export function checkRequest(headers: IncomingHttpHeaders, options: GuardOptions): GuardFailure | GuardPass {
  if (options.loopback && !isLoopbackHost(hostnameOf(headers.host ?? ''))) return { status: 403, message: 'Forbidden: Host not allowed' };
  const origin = headers.origin;
  if (origin !== undefined && !originAllowed(origin, options)) return { status: 403, message: 'Forbidden: Origin not allowed' };
  if (options.tokens.length === 0) return { owner: undefined };
  // Every token is compared (no early exit), so timing does not tell which entry came close.
  let owner: string | undefined;
  for (const t of options.tokens) if (tokenMatches(headers.authorization, t.token)) owner ??= t.name;
  return owner === undefined ? { status: 401, message: 'Unauthorized' } : { owner };
}

function originAllowed(origin: string, options: GuardOptions): boolean {
  const normalised = origin.replace(/\/+$/, '').toLowerCase();
  if (options.allowedOrigins.some((o) => o.replace(/\/+$/, '').toLowerCase() === normalised)) return true;
  if (!options.loopback) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false; // "null" (sandboxed iframes, file://) and garbage
  }
}

/** Constant-time comparison of `Authorization: Bearer <token>` (hashes first, so lengths leak nothing). */
export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const wanted = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, wanted) && match !== null;
}
