/** The two ways to serve MCP: stdio (default, one client) and Streamable HTTP (`--http`). */
import type { HttpOptions } from '../http/server.js';
import type { Runtime } from '../runtime.js';
import { connectStdio, createServer } from '../server.js';

function onShutdown(stop: () => Promise<void>): () => void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // exitCode is 1 after a fatal transport error (set before shutdown).
    void stop().finally(() => process.exit());
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
  return shutdown;
}

export async function serveStdio(runtime: Runtime): Promise<void> {
  const server = createServer(runtime);
  const shutdown = onShutdown(async () => {
    await server.close().catch(() => undefined);
    await runtime.close();
  });
  await connectStdio(server, shutdown, (error) => {
    runtime.log.error(`stdio transport failed, stopping: ${error.message}`, { hint: 'a message over 10 MB is refused; send large files by path or url' });
    process.exitCode = 1;
  });
  runtime.log.info(`ready on stdio (default OA: ${runtime.config.defaultOa})`);
}

export async function serveHttp(runtime: Runtime, options: HttpOptions): Promise<void> {
  // Loaded here so stdio never pays for the HTTP stack.
  const { startHttpServer } = await import('../http/server.js');
  const http = await startHttpServer(runtime, options);
  onShutdown(async () => {
    await http.close();
    await runtime.close();
  });
}
