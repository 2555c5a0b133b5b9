/**
 * Logging: stderr only (stdout is the MCP protocol in stdio mode), every line redacted.
 * Extra sinks (MCP logging notifications) can be attached by the server.
 */
import type { LogLevel } from './config.js';
import { redact } from './zalo/redact.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

/**
 * The MCP request a log line was emitted for (HTTP: which session's client may see it, and on
 * which response stream). Passed explicitly with `forRequest()`: an AsyncLocalStorage around each
 * request cost ~90 µs of CPU a call on Node 20, where it turns on promise hooks (issue 14).
 */
export interface LogScope {
  session: string;
  requestId?: string | number;
}

export type LogSink = (level: LogLevel, message: string, data?: Record<string, unknown>, scope?: LogScope) => void;

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warning(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /**
   * Adds a sink (e.g. MCP notifications); returns a function that removes it. `wants` says which
   * levels (of lines for which request) it takes now, so a line nobody takes costs no formatting
   * or redaction.
   */
  addSink(sink: LogSink, wants?: (level: LogLevel, scope?: LogScope) => boolean): () => void;
  /** The same logger, its lines marked as emitted for `scope`'s request. */
  forRequest(scope: LogScope): Logger;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const sinks = new Map<LogSink, (level: LogLevel, scope?: LogScope) => boolean>();
  const emit = (lvl: LogLevel, message: string, data?: Record<string, unknown>, scope?: LogScope) => {
    if (ORDER[lvl] >= ORDER[level]) write(`[zalo-oa-mcp] ${lvl}: ${redact(data ? `${message} ${JSON.stringify(data)}` : message)}`);
    for (const [sink, wants] of sinks) {
      if (wants(lvl, scope)) sink(lvl, redact(message), data ? (JSON.parse(redact(JSON.stringify(data))) as Record<string, unknown>) : undefined, scope);
    }
  };
  const addSink: Logger['addSink'] = (sink, wants = () => true) => {
    sinks.set(sink, wants);
    return () => sinks.delete(sink);
  };
  const make = (scope?: LogScope): Logger => ({
    debug: (m, d) => emit('debug', m, d, scope),
    info: (m, d) => emit('info', m, d, scope),
    warning: (m, d) => emit('warning', m, d, scope),
    error: (m, d) => emit('error', m, d, scope),
    addSink,
    forRequest: make,
  });
  return make();
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger('error', () => undefined);
