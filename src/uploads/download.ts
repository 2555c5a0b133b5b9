/**
 * Download an upload source from a URL with a hard size cap. Besides src/zalo/client.ts this is
 * the only module that does HTTP: it fetches user-given files, never Zalo. Redirects are followed
 * by hand (at most 3) so every hop passes the SSRF guard, and the body is streamed and abandoned
 * as soon as it exceeds the limit.
 */
import { ZaloError, ZaloInputError } from '../zalo/errors.js';
import { assertFetchableUrl, guardedLookup } from './url-guard.js';
import { mb } from './kinds.js';

export interface DownloadOptions {
  sandbox: boolean;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total?: number) => void;
}

export interface Downloaded {
  bytes: Buffer;
  /** The final URL after redirects. */
  url: URL;
}

const MAX_REDIRECTS = 3;

function tooBig(url: URL, maxBytes: number): ZaloInputError {
  return new ZaloInputError(`file at ${url.origin}${url.pathname} is larger than ${mb(maxBytes)}`, `Zalo accepts at most ${mb(maxBytes)} here: compress or resize the file first.`);
}

export async function downloadLimited(rawUrl: string, opts: DownloadOptions): Promise<Downloaded> {
  // Imported on use: undici is slow to load and most runs never download (issue 14).
  const { Agent, request } = await import('undici');
  // Outside sandbox mode the connection resolves through the guard too (no DNS rebinding).
  const dispatcher = new Agent(opts.sandbox ? {} : { connect: { lookup: guardedLookup as never } });
  try {
    let url = await assertFetchableUrl(rawUrl, opts);
    for (let hop = 0; ; hop++) {
      let res;
      try {
        res = await request(url, {
          method: 'GET', dispatcher, signal: opts.signal, headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
          headers: { accept: '*/*', 'user-agent': 'zalo-oa-mcp' },
        });
      } catch (e) {
        throw new ZaloError(`could not download ${url.origin}${url.pathname}: ${(e as Error).message}`, { kind: 'network', hint: 'Check that the URL is reachable, or upload the file as base64.' });
      }
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        await res.body.dump();
        if (hop >= MAX_REDIRECTS) throw new ZaloInputError(`url redirects more than ${MAX_REDIRECTS} times`, 'Pass the final URL of the file.');
        url = await assertFetchableUrl(new URL(String(res.headers.location), url).toString(), opts);
        continue;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new ZaloInputError(`url answered HTTP ${res.statusCode}`, 'Check that the URL points at the file itself and is publicly readable.');
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.body.destroy();
        throw tooBig(url, opts.maxBytes);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > opts.maxBytes) {
          res.body.destroy();
          throw tooBig(url, opts.maxBytes);
        }
        chunks.push(chunk);
        opts.onProgress?.(size, Number.isFinite(declared) ? declared : undefined);
      }
      return { bytes: Buffer.concat(chunks), url };
    }
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}
