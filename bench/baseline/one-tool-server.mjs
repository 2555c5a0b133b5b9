#!/usr/bin/env node
/**
 * Baseline: the smallest MCP server on the same SDK, with one tool that makes the same upstream
 * call as oa_get_profile (GET /v2.0/oa/getoa, keep-alive undici). stdio by default;
 * `--http PORT [--stateless] [--sse]` serves Streamable HTTP at /mcp like our server: JSON answers,
 * or with `--sse` answers on an SSE stream per request as ours (which needs the stream for
 * progress and log notifications during a call).
 */
import { createServer as createHttpServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const upstream = process.env.UPSTREAM_URL;
let undici;

function server() {
  const s = new McpServer({ name: 'one-tool', version: '1.0.0' });
  s.registerTool(
    'get_profile',
    { title: 'Get profile', description: 'The upstream profile.', inputSchema: { oa: z.string().max(50).optional().describe('alias') }, outputSchema: { name: z.string() } },
    async () => {
      undici ??= await import('undici');
      const res = await undici.request(`${upstream}/v2.0/oa/getoa`, { headers: { access_token: process.env.UPSTREAM_TOKEN ?? '' } });
      const body = await res.body.json();
      const data = { name: String(body.data?.name ?? '') };
      return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
    },
  );
  return s;
}

const httpAt = process.argv.indexOf('--http');
if (httpAt < 0) {
  await server().connect(new StdioServerTransport());
} else {
  const stateless = process.argv.includes('--stateless');
  const enableJsonResponse = !process.argv.includes('--sse');
  const sessions = new Map();
  const http = createHttpServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    if (stateless) {
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse });
      const s = server();
      res.on('close', () => void s.close());
      await s.connect(t);
      return t.handleRequest(req, res, body);
    }
    const id = req.headers['mcp-session-id'];
    let t = id ? sessions.get(id) : undefined;
    if (!t) {
      t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), enableJsonResponse, onsessioninitialized: (sid) => sessions.set(sid, t) });
      await server().connect(t);
    }
    return t.handleRequest(req, res, body);
  });
  http.listen(Number(process.argv[httpAt + 1] ?? 0), '127.0.0.1', () => process.stderr.write(`listening on http://127.0.0.1:${http.address().port}/mcp\n`));
}
