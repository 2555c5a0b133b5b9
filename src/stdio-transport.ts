/**
 * MCP over stdio: one JSON-RPC message per line each way. Ours rather than the SDK's
 * StdioServerTransport (issue 14: per-call CPU), doing what the server needs of it in one place:
 * - Reading: lines are cut from stdin's chunks as they arrive; only a line split across chunks is
 *   joined (multi-byte characters stay whole). A line is parsed once; the protocol layer then
 *   sorts it into request, notification or response and reports anything else. One line over
 *   `maxLineBytes` (10 MB, the SDK's limit) is reported and ends the session.
 * - Writing: the messages written in one turn of the event loop leave in one write (each write to
 *   a pipe is a system call costing about as much CPU as the rest of a call's JSON-RPC handling),
 *   in order, with stdout's backpressure; `flush()` writes what is queued at once (close, exit).
 * - End of input: a client that closes stdin (the MCP stdio shutdown) gets every request it sent
 *   answered, then the transport closes (at most `graceMs` later, should one hang).
 */
import type { Readable, Writable } from 'node:stream';

/**
 * What the transport knows of a JSON-RPC message. It is the SDK's Transport by shape; the SDK's
 * types stay in server.ts (DESIGN: only server.ts, define-tool.ts and http/ import the SDK).
 */
export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: string | number;
  method?: string;
}

export const MAX_LINE_BYTES = 10 * 1024 * 1024;

export interface StdioTransportOptions {
  maxLineBytes?: number;
  graceMs?: number;
}

const NEWLINE = 0x0a;

export class StdioTransport {
  onmessage?: (message: JsonRpcMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private partial: Buffer[] = [];
  private partialBytes = 0;
  private readonly queue: string[] = [];
  private pending?: NodeJS.Immediate;
  private readonly unanswered = new Set<string | number>();
  private ended = false;
  private closed = false;
  private readonly maxLineBytes: number;
  private readonly graceMs: number;

  constructor(
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    options: StdioTransportOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.graceMs = options.graceMs ?? 30_000;
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStdinError);
    this.stdin.once('end', this.onEnd);
    this.stdin.once('close', this.onEnd);
  }

  send(message: JsonRpcMessage): Promise<void> {
    this.queue.push(JSON.stringify(message) + '\n');
    this.pending ??= setImmediate(this.flush);
    if (message.method === undefined && message.id !== undefined && this.unanswered.delete(message.id)) this.closeIfDone();
    if (!this.stdout.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => this.stdout.once('drain', resolve));
  }

  /** Write what is queued now. */
  readonly flush = (): void => {
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    if (this.queue.length === 0) return;
    const text = this.queue.length === 1 ? this.queue[0]! : this.queue.join('');
    this.queue.length = 0;
    this.stdout.write(text);
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStdinError);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.partial = [];
    this.flush();
    this.onclose?.();
  }

  private readonly onData = (chunk: Buffer): void => {
    let from = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0 && !this.closed; end = chunk.indexOf(NEWLINE, from)) {
      const tail = chunk.subarray(from, end);
      const line = this.partial.length === 0 ? tail : Buffer.concat([...this.partial, tail]);
      this.partial = [];
      this.partialBytes = 0;
      from = end + 1;
      this.receive(line.toString('utf8'));
    }
    if (from >= chunk.length || this.closed) return;
    this.partialBytes += chunk.length - from;
    if (this.partialBytes > this.maxLineBytes) {
      // The SDK's words, which the server's fatal-error line repeats.
      this.onerror?.(new Error(`ReadBuffer exceeded maximum size of ${this.maxLineBytes} bytes`));
      void this.close();
      return;
    }
    this.partial.push(chunk.subarray(from));
  };

  private receive(text: string): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (e) {
      this.onerror?.(e as Error);
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message) || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      this.onerror?.(new Error('stdin: a line that is not a JSON-RPC 2.0 message was skipped'));
      return;
    }
    const m = message as JsonRpcMessage;
    if (m.method !== undefined && m.id !== undefined) this.unanswered.add(m.id);
    this.onmessage?.(m);
  }

  private readonly onStdinError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onEnd = (): void => {
    if (this.ended) return;
    this.ended = true;
    setTimeout(() => void this.close(), this.graceMs).unref();
    this.closeIfDone();
  };

  private closeIfDone(): void {
    if (this.ended && this.unanswered.size === 0) void this.close();
  }
}
