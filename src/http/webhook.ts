/**
 * The webhook receiver (`POST /webhook` in HTTP mode, or alone with `zalo-oa-mcp webhook`).
 * Order matters: read the raw bytes (bounded), verify the signature over exactly those bytes,
 * refuse a stale timestamp, store the event, and only then answer 200 — well inside Zalo's 2 s,
 * since an event and all it changes are one store transaction. Past `maxInFlight` concurrent deliveries it
 * answers 503 (Zalo retries), so a flood cannot starve the MCP endpoint served by the same process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config, OaAccount } from '../config.js';
import type { Logger } from '../log.js';
import { storeEvents, storeFor } from '../store/index.js';
import { ingestEvent } from '../store/ingest.js';
import { allowedSkewMs, firstTerms, signatureKeys, verifySignature } from './webhook-verify.js';

export interface WebhookOptions {
  /** Body limit in bytes (default 256 KiB: Zalo's events are a few KB). */
  maxBodyBytes?: number;
  /** Deliveries handled at once before answering 503 (default 64). */
  maxInFlight?: number;
  now?: () => number;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type Obj = Record<string, unknown>;

function answer(res: ServerResponse, status: number, body: Obj, headers: Record<string, string> = {}): void {
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve('too_large');
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The OA an event belongs to: by its app_id, else the OA whose app secret signed it, else the default OA. */
function aliasOf(config: Config, body: Obj, signer: OaAccount['alias'] | undefined): string {
  const byApp = config.accounts.find((a) => a.appId === String(body.app_id ?? ''));
  return byApp?.alias ?? signer ?? config.defaultOa;
}

export function createWebhookHandler(deps: { config: Config; log: Logger }, options: WebhookOptions = {}): WebhookHandler {
  const { config, log } = deps;
  const limit = options.maxBodyBytes ?? 256 * 1024;
  const maxInFlight = options.maxInFlight ?? 64;
  const now = options.now ?? Date.now;
  const keys = signatureKeys(config);
  const schemesSeen = new Set<string>();
  const emitter = storeEvents(config);
  let inFlight = 0;

  return async (req, res) => {
    if (req.method !== 'POST') return answer(res, 405, { error: 'use POST' }, { allow: 'POST' });
    if (inFlight >= maxInFlight) {
      req.resume();
      return answer(res, 503, { error: 'busy, retry later' }, { 'retry-after': '5', connection: 'close' });
    }
    inFlight++;
    try {
      const raw = await readRaw(req, limit);
      if (raw === 'too_large') return answer(res, 413, { error: `body larger than ${limit} bytes` }, { connection: 'close' });
      let body: Obj;
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Obj;
      } catch {
        return answer(res, 400, { error: 'body is not a JSON object' });
      }
      const timestamp = typeof body.timestamp === 'string' || typeof body.timestamp === 'number' ? String(body.timestamp) : undefined;
      if (!timestamp) return answer(res, 400, { error: 'timestamp missing' });
      const header = req.headers['x-zevent-signature'];
      const match = verifySignature(Array.isArray(header) ? header[0] : header, raw, timestamp, firstTerms(body, config), keys);
      if (!match) {
        log.warning('webhook refused: signature does not match any configured key', { event: String(body.event_name ?? '') });
        return answer(res, 401, { error: 'bad signature' });
      }
      if (!schemesSeen.has(match.scheme)) {
        schemesSeen.add(match.scheme);
        log.info(`webhook signature verified with ${match.scheme}`);
      }
      const ts = Number(timestamp) < 1e12 ? Number(timestamp) * 1000 : Number(timestamp);
      const skew = allowedSkewMs(req.headers['num_retry'] ?? req.headers['num-retry']);
      if (!Number.isFinite(ts) || Math.abs(now() - ts) > skew) {
        log.warning('webhook refused: timestamp outside the allowed window', { event: String(body.event_name ?? ''), skew_s: Math.round((now() - ts) / 1000) });
        return answer(res, 401, { error: `timestamp more than ${Math.round(skew / 60_000)} minutes from now` });
      }
      const store = await storeFor(config);
      const oa = aliasOf(config, body, match.key.alias);
      const fresh = await ingestEvent(store, oa, body, raw.toString('utf8'), now(), (name, ...args) => (emitter.emit as (n: string, ...a: unknown[]) => boolean)(name, ...args));
      log.debug(`webhook ${String(body.event_name)} for ${oa}${fresh ? '' : ' (duplicate)'}`);
      answer(res, 200, { ok: true, ...(fresh ? {} : { duplicate: true }) });
    } catch (e) {
      log.error('webhook could not be stored', { error: (e as Error).message ?? String(e) });
      answer(res, 500, { error: 'not stored, retry' });
    } finally {
      inFlight--;
    }
  };
}
