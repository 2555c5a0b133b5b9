/** The two ways to serve MCP: stdio (default, one client) and Streamable HTTP (`--http`). */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { startHttpServer, type HttpOptions } from '../http/server.js';
import type { Runtime } from '../runtime.js';
import { createServer } from '../server.js';

function onShutdown(stop: () => Promise<void>): () => void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return shutdown;
}

export async function serveStdio(runtime: Runtime): Promise<void> {
  const server = createServer(runtime);
  const transport = new StdioServerTransport();
  const shutdown = onShutdown(async () => {
    await server.close().catch(() => undefined);
    await runtime.close();
  });
  transport.onclose = shutdown;
  await server.connect(transport);
  runtime.log.info(`ready on stdio (default OA: ${runtime.config.defaultOa})`);
}

export async function serveHttp(runtime: Runtime, options: HttpOptions): Promise<void> {
  const http = await startHttpServer(runtime, options);
  onShutdown(async () => {
    await http.close();
    await runtime.close();
  });
}
