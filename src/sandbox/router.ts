/**
 * How a route family plugs into the simulator. A handler returns the envelope's `data`
 * (wrapped as `{error:0,message:"Success",data}`), throws SimError for Zalo's HTTP-200 errors,
 * or returns raw() for full control of the body (OAuth answers, redirects, ZNS `metadata`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { OaState, SandboxState } from './state.js';

export type Family = 'openapi' | 'oauth' | 'zns';

export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface SimRequest {
  method: string;
  family: Family;
  /** Path inside the family, e.g. `/v3.0/oa/user/detail`. */
  path: string;
  query: URLSearchParams;
  /** The JSON-decoded `data` query parameter ({} when absent). */
  data: Record<string, unknown>;
  /** JSON body, or the fields of a form / multipart body. */
  body: Record<string, unknown>;
  files: Map<string, UploadedFile>;
  headers: IncomingHttpHeaders;
}

export interface RouteContext {
  req: SimRequest;
  /** The OA the access token belongs to (routes with auth: false get the default OA). */
  oa: OaState;
  sim: SandboxState;
  now: number;
}

export interface Route {
  family: Family;
  method: 'GET' | 'POST';
  path: string;
  /** Require a valid `access_token` header. Default: true except for the oauth family. */
  auth?: boolean;
  handle(ctx: RouteContext): unknown;
}

/** Zalo's in-band error: HTTP 200 with `{error: code, message}`. */
export class SimError extends Error {
  constructor(readonly code: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export class RawReply {
  constructor(readonly body: unknown, readonly status = 200, readonly headers: Record<string, string> = {}) {}
}

/** Return a whole body (or a redirect) instead of the standard envelope. */
export function raw(body: unknown, status = 200, headers: Record<string, string> = {}): RawReply {
  return new RawReply(body, status, headers);
}

/** Zalo's message for a bad parameter: "<field> is invalid!" (-201). */
export function invalid(field: string, detail = ''): SimError {
  return new SimError(-201, `${field} is invalid!${detail ? ` ${detail}` : ''}`);
}

/** Read a string field from body/data, failing like Zalo when it is missing. */
export function need(source: Record<string, unknown>, field: string): string {
  const v = source[field];
  if (v === undefined || v === null || v === '') throw invalid(field);
  return String(v);
}

/** Offset/count paging with Zalo's per-endpoint cap (-210 above it). */
export function page<T>(items: T[], source: Record<string, unknown>, cap: number, countKey = 'count'): { slice: T[]; offset: number; count: number } {
  const offset = Number(source.offset ?? 0);
  const count = Number(source[countKey] ?? cap);
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset');
  if (!Number.isInteger(count) || count < 1) throw invalid(countKey);
  if (count > cap) throw new SimError(-210, `Parameter exceeds allowable limit: ${countKey} must be at most ${cap}`);
  return { slice: items.slice(offset, offset + count), offset, count };
}
