/**
 * Our stdio transport (issue 14): lines cut from chunks as they come, one write per turn of the
 * event loop, stdout's backpressure kept, the 10 MB line limit, and closing once a client that
 * ended its input has every request answered.
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdioTransport, type JsonRpcMessage } from '../src/stdio-transport.js';

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

async function started(options: ConstructorParameters<typeof StdioTransport>[2] = {}, out = sink()) {
  const stdin = new PassThrough();
  const t = new StdioTransport(stdin, out.stream, options);
  const messages: JsonRpcMessage[] = [];
  const errors: Error[] = [];
  let closed = 0;
  t.onmessage = (m) => messages.push(m);
  t.onerror = (e) => errors.push(e);
  t.onclose = () => closed++;
  await t.start();
  return { t, stdin, out, messages, errors, closed: () => closed };
}

const turn = () => new Promise((r) => setImmediate(r));
const request = (id: number, method = 'ping') => ({ jsonrpc: '2.0' as const, id, method });
const answer = (id: number): JsonRpcMessage => ({ jsonrpc: '2.0', id, result: {} } as JsonRpcMessage);

describe('StdioTransport reading', () => {
  it('cuts messages from chunks however they are split, keeping multi-byte characters whole', async () => {
    const s = await started();
    const line = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'note', params: { text: 'Nguyễn Thị Lan 👋' } }) + '\r\n');
    const cut = line.indexOf(Buffer.from('ễ')) + 1; // inside the three bytes of ễ
    s.stdin.write(Buffer.concat([Buffer.from(JSON.stringify(request(1)) + '\n'), line.subarray(0, cut)]));
    s.stdin.write(line.subarray(cut, cut + 5));
    s.stdin.write(Buffer.concat([line.subarray(cut + 5), Buffer.from(JSON.stringify(request(2)) + '\n\n')]));
    await turn();
    expect(s.messages).toEqual([request(1), { jsonrpc: '2.0', method: 'note', params: { text: 'Nguyễn Thị Lan 👋' } }, request(2)]);
    expect(s.errors).toEqual([]);
  });

  it('reports a line that is not JSON, or not JSON-RPC 2.0, and goes on with the next', async () => {
    const s = await started();
    s.stdin.write('{not json\n[1,2]\n{"id":3,"method":"ping"}\n' + JSON.stringify(request(4)) + '\n');
    await turn();
    expect(s.errors).toHaveLength(3);
    expect(s.messages).toEqual([request(4)]);
    expect(s.closed()).toBe(0);
  });

  it('a line over the limit is reported and ends the session; nothing after it is read', async () => {
    const s = await started({ maxLineBytes: 1000 });
    s.stdin.write('{"jsonrpc":"2.0","method":"x","params":"' + 'A'.repeat(600));
    s.stdin.write('A'.repeat(600));
    await turn();
    expect(s.errors.map((e) => e.message)).toEqual(['ReadBuffer exceeded maximum size of 1000 bytes']);
    expect(s.closed()).toBe(1);
    s.stdin.write('"}\n' + JSON.stringify(request(1)) + '\n');
    await turn();
    expect(s.messages).toEqual([]);
  });
});

describe('StdioTransport writing', () => {
  it('sends the messages of one turn in one write, in order, and the next turn in another', async () => {
    const s = await started();
    for (let i = 0; i < 20; i++) await s.t.send(answer(i));
    // send() resolved without waiting for a write: the queue leaves at the end of the turn.
    expect(s.out.writes).toEqual([]);
    await turn();
    expect(s.out.writes).toEqual([Array.from({ length: 20 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"result":{}}\n`).join('')]);
    await s.t.send(answer(20));
    await turn();
    expect(s.out.writes).toHaveLength(2);
  });

  it('writes what is queued at once on flush and on close, and nothing twice', async () => {
    const s = await started();
    await s.t.send({ jsonrpc: '2.0', method: 'a' });
    s.t.flush();
    expect(s.out.writes).toEqual(['{"jsonrpc":"2.0","method":"a"}\n']);
    await s.t.send({ jsonrpc: '2.0', method: 'b' });
    await s.t.close();
    expect(s.out.writes).toHaveLength(2);
    await turn();
    expect(s.out.writes).toHaveLength(2);
  });

  it('keeps backpressure: while stdout is backed up, send() resolves on drain', async () => {
    let release!: () => void;
    const slow = new Writable({ highWaterMark: 4, write: (_c, _e, done) => void (release = done) });
    const s = await started({}, { stream: slow, writes: [] });
    await s.t.send({ jsonrpc: '2.0', method: 'first' });
    await turn(); // flushed into a stream that now holds more than its highWaterMark
    let resolved = false;
    const second = s.t.send({ jsonrpc: '2.0', method: 'second' }).then(() => void (resolved = true));
    await turn();
    expect(resolved).toBe(false);
    release(); // the first write is done; the second (flushed meanwhile) is under way
    await turn();
    expect(resolved).toBe(false);
    release();
    await second;
    expect(resolved).toBe(true);
  });
});

describe('StdioTransport at the end of input', () => {
  it('closes once every request read is answered; notifications and other answers do not count', async () => {
    const s = await started();
    s.stdin.end([request(1), request(2), { jsonrpc: '2.0', method: 'notifications/initialized' }].map((m) => JSON.stringify(m)).join('\n') + '\n');
    await new Promise((r) => s.stdin.once('end', r));
    await turn();
    expect(s.closed()).toBe(0);
    await s.t.send(answer(1));
    await s.t.send(answer(99)); // not one of the client's requests
    expect(s.closed()).toBe(0);
    await s.t.send(answer(2));
    expect(s.closed()).toBe(1);
    expect(s.out.writes.join('')).toContain('"id":2'); // the last answer left before the close
  });

  it('closes after the grace period when a request is never answered', async () => {
    const s = await started({ graceMs: 50 });
    s.stdin.end(JSON.stringify(request(1)) + '\n');
    await new Promise((r) => setTimeout(r, 150));
    expect(s.closed()).toBe(1);
  });
});
