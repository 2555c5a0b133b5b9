/**
 * stdout for the stdio transport: the messages written in one turn of the event loop leave in
 * one write. Each write to a pipe is a system call costing about as much CPU as the rest of a
 * call's JSON-RPC handling; with many calls in flight, answers that finish together now share
 * one (issue 14). Order is kept. `flush()` writes what is queued at once: on close, before the
 * process may exit.
 */
import type { Writable } from 'node:stream';

export interface CoalescedStdout {
  /** What StdioServerTransport writes to: `write()` and `once('drain')` are all it uses. */
  stream: Writable;
  flush(): void;
}

export function coalescedStdout(out: Writable = process.stdout): CoalescedStdout {
  const queue: string[] = [];
  let pending: NodeJS.Immediate | undefined;
  const flush = () => {
    if (pending) clearImmediate(pending);
    pending = undefined;
    if (queue.length === 0) return;
    const text = queue.length === 1 ? queue[0]! : queue.join('');
    queue.length = 0;
    out.write(text);
  };
  const stream = {
    write(chunk: string): boolean {
      queue.push(chunk);
      pending ??= setImmediate(flush);
      // Backpressure as before: the caller waits for 'drain' while stdout itself is backed up.
      return !out.writableNeedDrain;
    },
    once(event: string, listener: () => void) {
      out.once(event, listener);
      return stream;
    },
  };
  return { stream: stream as unknown as Writable, flush };
}
