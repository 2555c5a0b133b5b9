/** The stdio writer (issue 14): answers that finish in one turn of the event loop leave in one write, in order. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coalescedStdout } from '../src/stdio-out.js';

function sink(highWaterMark = 1 << 20) {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return { stream, writes };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('coalescedStdout', () => {
  it('sends the messages of one turn in one write, in order, and the next turn in another', async () => {
    const out = sink();
    const { stream } = coalescedStdout(out.stream);
    for (let i = 0; i < 20; i++) expect(stream.write(`{"id":${i}}\n`)).toBe(true);
    expect(out.writes).toEqual([]);
    await turn();
    expect(out.writes).toEqual([Array.from({ length: 20 }, (_, i) => `{"id":${i}}\n`).join('')]);
    stream.write('{"id":20}\n');
    await turn();
    expect(out.writes).toHaveLength(2);
    expect(out.writes[1]).toBe('{"id":20}\n');
  });

  it('writes what is queued at once on flush (close, exit), and nothing twice', async () => {
    const out = sink();
    const { stream, flush } = coalescedStdout(out.stream);
    stream.write('a\n');
    stream.write('b\n');
    flush();
    expect(out.writes).toEqual(['a\nb\n']);
    await turn();
    flush();
    expect(out.writes).toEqual(['a\nb\n']);
  });

  it('keeps backpressure: while stdout is backed up the caller is told to wait for drain', async () => {
    let release!: () => void;
    const slow = new Writable({ highWaterMark: 4, write: (_c, _e, done) => void (release = done) });
    const { stream } = coalescedStdout(slow);
    stream.write('0123456789\n');
    await turn(); // flushed into a stream that now holds more than its highWaterMark
    expect(stream.write('x\n')).toBe(false);
    const drained = new Promise<void>((r) => stream.once('drain', r));
    release();
    await drained;
    expect(stream.write('y\n')).toBe(true);
  });
});
