/**
 * What a failed call leaves behind. Reading Zalo's answer stops at a size limit (a proxy or a
 * broken gateway must not fill the memory), and a write whose answer was lost after it left us
 * says that it may have taken effect: writes are never retried, and the model must check before
 * it repeats a message to a real person.
 */
import type { Readable } from 'node:stream';
import { ZaloError, ZaloHttpError, ZaloTimeoutError } from './errors.js';

/** Largest answer we read from Zalo (its biggest lists and articles are well under 1 MB). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The parts of an undici response read here (client.ts is the one module that does HTTP). */
interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/**
 * The body as text, or a ZaloHttpError once it passes `maxBytes` (the rest is not read). Read
 * with stream events: an async iterator over the body allocated ~2.5 KB a call (issue 14).
 */
export function readBodyLimited(res: Answer, maxBytes: number, endpoint: string): Promise<string> {
  const tooLarge = () =>
    new ZaloHttpError(`Zalo's answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB and was not read`, {
      kind: 'unavailable', httpStatus: res.statusCode, endpoint, hint: 'A proxy or gateway between this server and Zalo may be misbehaving; check the configured Zalo URLs.',
    });
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (e: unknown) => {
      if (!settled) reject(e);
      settled = true;
    };
    res.body
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        fail(tooLarge());
        res.body.destroy();
      })
      .on('end', () => {
        if (!settled) resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
        settled = true;
      })
      .on('error', fail)
      // Closed without 'end' or 'error' (as for await would report it): never left pending.
      .on('close', () => {
        // 'close' follows every 'end' too: build the error only when it is one.
        if (!settled) fail(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
      });
  });
}

/** Network failures that prove the request never reached Zalo (nothing to double-check). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EBLOCKED', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/** True when a transport failure (an undici/Node error) may have happened after Zalo got the request. */
export function mayHaveReachedZalo(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  return !(code && NOT_SENT_CODES.has(code));
}

/**
 * The error to report for a write whose outcome is unknown: Zalo may have acted on it. Errors that
 * prove it did not (Zalo's own error code, a 429, a refused connection) are returned unchanged.
 */
export function uncertainWrite(err: ZaloError, family: string, path: string): ZaloError {
  const ambiguous = err instanceof ZaloTimeoutError || err instanceof ZaloHttpError || err.kind === 'network';
  if (!ambiguous || err.code !== null || err.httpStatus === 429) return err;
  const reason = err.message.replace(/[.\s]+$/, '');
  const Cls = err.constructor as typeof ZaloError; // same class, so callers that branch on it still can
  return new Cls(`${reason}: ${whatToCheck(family, path)}`, { kind: err.kind, httpStatus: err.httpStatus, endpoint: err.endpoint, hint: 'It was not repeated automatically, so nothing was sent twice.' });
}

/** How the model finds out whether a write it lost the answer to took effect. */
function whatToCheck(family: string, path: string): string {
  // ZNS goes to a phone, not into the OA's conversations; its quota drops by one per send.
  if (family === 'zns') return 'it may have been delivered; compare zns_get_quota with its value before, or ask the recipient, before sending again';
  if (path.includes('/message/')) return 'it may have been delivered; check conversations_get_history before sending again';
  // An upload that did arrive only leaves an unused attachment behind.
  if (path.includes('/upload')) return 'the upload may have completed but its id was lost; uploading again is safe';
  return 'the change may have been applied; read it back before trying again';
}
