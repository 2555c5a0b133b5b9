/**
 * Transport-level faults the simulator can inject, beyond Zalo's own error codes (`failNext`
 * with a `code`). Each reproduces something seen between a client and Zalo: a reset or a stalled
 * answer after Zalo acted, a proxy's HTML page, a 5xx carrying Zalo's JSON, a truncated or empty
 * body, a runaway body. `processed` kinds run the real route first, so a send is really recorded
 * (delivered) and only its answer goes wrong — the case a client must not "fix" by resending.
 */
import type { ServerResponse } from 'node:http';

export type FaultKind =
  /** Zalo acts, then the connection drops halfway through the answer. */
  | 'reset'
  /** Zalo acts, then never answers (the client's timeout before headers). */
  | 'hang'
  /** Zalo acts; headers arrive, then the body trickles one byte per `delayMs`. */
  | 'slow-body'
  /** A gateway's HTTP `status` (default 502) with an HTML page; Zalo never saw the request. */
  | 'http'
  /** Zalo's JSON error envelope (`code`) sent with HTTP `status` (default 500). */
  | 'zalo-5xx'
  /** Zalo acts; the answer is cut-off JSON with HTTP 200. */
  | 'malformed-json'
  /** HTTP 200 with an HTML page (captive portal, WAF); Zalo never saw the request. */
  | 'html'
  /** Zalo acts; HTTP 200 with an empty body. */
  | 'empty'
  /** Zalo acts; HTTP 200 with a body of `bytes` (default 12 MB). */
  | 'huge';

export interface FaultOptions {
  kind: FaultKind;
  status?: number;
  retryAfterS?: number;
  code?: number;
  message?: string;
  /** slow-body: ms between bytes (default 200). */
  delayMs?: number;
  /** huge: body size in bytes (default 12 MB). */
  bytes?: number;
}

/** Kinds where the route runs (Zalo acted) before the answer goes wrong. */
export const PROCESSED: ReadonlySet<FaultKind> = new Set(['reset', 'hang', 'slow-body', 'malformed-json', 'empty', 'huge']);

export interface RouteAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** Answer `res` according to the fault; `answer` is what the route produced (processed kinds only). */
export async function applyFault(fault: FaultOptions, res: ServerResponse, answer: RouteAnswer | undefined): Promise<void> {
  const retry: Record<string, string> = fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {};
  const body = answer?.body ?? '{"error":0,"message":"Success"}';
  switch (fault.kind) {
    case 'http':
      res.writeHead(fault.status ?? 502, { 'content-type': 'text/html', ...retry }).end(HTML);
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
      return;
    case 'zalo-5xx':
      res.writeHead(fault.status ?? 500, { ...JSON_TYPE, ...retry }).end(JSON.stringify({ error: fault.code ?? -1, message: fault.message ?? 'Internal server error' }));
      return;
    case 'malformed-json':
      res.writeHead(200, JSON_TYPE).end(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
      return;
    case 'empty':
      res.writeHead(200, { ...JSON_TYPE, 'content-length': '0' }).end();
      return;
    case 'reset':
      // Declare the full length, send half, then drop the connection: the client sees a broken body.
      res.writeHead(200, { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      await new Promise((r) => setTimeout(r, 20));
      res.socket?.destroy();
      return;
    case 'hang':
      // Nothing is written; the socket stays open until the client gives up or the simulator closes.
      return;
    case 'slow-body': {
      res.writeHead(200, { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
      for (const ch of body) {
        if (res.destroyed || res.socket?.destroyed) return;
        res.write(ch);
        await new Promise((r) => setTimeout(r, fault.delayMs ?? 200));
      }
      res.end();
      return;
    }
    case 'huge': {
      const total = fault.bytes ?? 12 * 1024 * 1024;
      res.writeHead(200, JSON_TYPE);
      const chunk = ' '.repeat(64 * 1024);
      let sent = 0;
      // Padding before the real JSON: valid if read whole, and a client with a limit stops early.
      while (sent < total && !res.destroyed) {
        const ok = res.write(chunk);
        sent += chunk.length;
        if (!ok) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      res.end(body);
      return;
    }
  }
}
