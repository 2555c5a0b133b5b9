/**
 * The SDK's stdio transport gives up on a message over 10 MB (its read buffer) and closes. Before,
 * the server then exited silently with code 0, as if the client had left; now it says why on
 * stderr and exits 1. Built server (dist/), real child process; `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tmp.js';

const entry = resolve('dist/index.js');

describe('stdio message over the transport limit', () => {
  it('logs the transport error on stderr and exits 1, writing nothing but protocol to stdout', async () => {
    const cwd = tempDir('zalo-stdio-limit-');
    const child = spawn(process.execPath, [entry, '--sandbox'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined); // EPIPE: the server stops reading mid-message, as it should
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }) + '\n');
    await new Promise<void>((r, j) => {
      const timer = setTimeout(() => j(new Error(`no initialize answer; stderr: ${stderr}`)), 10_000);
      child.stdout.on('data', () => {
        if (stdout.includes('"id":1')) {
          clearTimeout(timer);
          r();
        }
      });
    });
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'media_upload_image', arguments: { base64: 'A'.repeat(11 * 1024 * 1024) } } }) + '\n';
    child.stdin.write(huge);
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: stdio transport failed, stopping: ReadBuffer exceeded maximum size of 10485760 bytes/);
    for (const line of stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 30_000);
});
