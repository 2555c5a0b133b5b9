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
  /**
   * Adds a sink (e.g. MCP notifications); returns a function that removes it. `wants` says which
   * levels it takes now, so a line nobody takes costs no formatting or redaction.
   */
  addSink(sink: LogSink, wants?: (level: LogLevel) => boolean): () => void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const sinks = new Map<LogSink, (level: LogLevel) => boolean>();
  const emit = (lvl: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (ORDER[lvl] >= ORDER[level]) write(`[zalo-oa-mcp] ${lvl}: ${redact(data ? `${message} ${JSON.stringify(data)}` : message)}`);
    for (const [sink, wants] of sinks) {
      if (wants(lvl)) sink(lvl, redact(message), data ? (JSON.parse(redact(JSON.stringify(data))) as Record<string, unknown>) : undefined);
    }
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warning: (m, d) => emit('warning', m, d),
    error: (m, d) => emit('error', m, d),
    addSink(sink, wants = () => true) {
      sinks.set(sink, wants);
      return () => sinks.delete(sink);
    },
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger('error', () => undefined);
