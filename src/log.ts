/**
 * Logging: stderr only (stdout is the MCP protocol in stdio mode), every line redacted.
 * Extra sinks (MCP logging notifications) can be attached by the server.
 */
import type { LogLevel } from './config.js';
import { redact } from './zalo/redact.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

export type LogSink = (level: LogLevel, message: string, data?: Record<string, unknown>) => void;

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warning(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** Adds a sink (e.g. MCP notifications); returns a function that removes it. */
  addSink(sink: LogSink): () => void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const sinks = new Set<LogSink>();
  const emit = (lvl: LogLevel, message: string, data?: Record<string, unknown>) => {
    const text = redact(data ? `${message} ${JSON.stringify(data)}` : message);
    if (ORDER[lvl] >= ORDER[level]) write(`[zalo-oa-mcp] ${lvl}: ${text}`);
    for (const sink of sinks) sink(lvl, redact(message), data ? (JSON.parse(redact(JSON.stringify(data))) as Record<string, unknown>) : undefined);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warning: (m, d) => emit('warning', m, d),
    error: (m, d) => emit('error', m, d),
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger('error', () => undefined);
