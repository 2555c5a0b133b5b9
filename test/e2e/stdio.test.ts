/**
 * End to end on the built output: spawn `node dist/index.js --sandbox` and talk MCP over stdio
 * with the SDK's client, exactly as Claude Desktop would. `npm test` builds before running.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../tmp.js';

describe('stdio end to end (dist/index.js --sandbox)', () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  const tokenFile = join(tempDir('zalo-e2e-'), 'tokens.json');

  beforeAll(async () => {
    expect(existsSync('dist/index.js'), 'run npm run build first').toBe(true);
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['dist/index.js', '--sandbox'],
      env: { PATH: process.env.PATH ?? '', ZALO_TOKEN_FILE: tokenFile, ZALO_LOG_LEVEL: 'debug' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the default toolsets and answers a tool call from the simulator', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toContain('messages_send_text');
    expect(names).toContain('zns_send'); // templates by user_id are how a user is reached after 7 days
    expect(names).not.toContain('articles_broadcast'); // articles is not in the default selection
    const result = await client.callTool({ name: 'oa_get_profile', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { name: string }).name).toBe('Hoa Sen Boutique');
  });

  it('keeps logs on stderr, redacted, and persists the rotated token pair 0600', async () => {
    expect(stderr).toMatch(/ready on stdio/);
    expect(stderr).not.toMatch(/sbx_(at|rt)_/); // tokens never logged
    const stored = JSON.parse(readFileSync(tokenFile, 'utf8')) as { oas: Record<string, { refresh_token: string }> };
    expect(stored.oas.shop?.refresh_token).toMatch(/^sbx_rt_/);
    const { statSync } = await import('node:fs');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  });
});
