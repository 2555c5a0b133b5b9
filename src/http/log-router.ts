/**
 * One log sink for all HTTP sessions. Each session's McpServer forwards log lines to its own
 * client; with one sink per session every line was redacted and offered to every open session,
 * so a call cost O(open sessions). The router is attached once and hands a line only to the
 * session whose request emitted it (the line's scope says which, see Logger.forRequest), in O(1).
 */
import type { LogLevel } from '../config.js';
import type { Logger, LogScope, LogSink } from '../log.js';

type Wants = (level: LogLevel, scope?: LogScope) => boolean;

export class SessionLogRouter {
  private readonly sinks = new Map<string, Map<LogSink, Wants>>();
  private readonly detach: () => void;

  constructor(log: Logger) {
    // Asked before a line is formatted and redacted: only when the session whose request emitted
    // it takes that level (a debug line per Zalo call cost ~30 µs for nobody, issue 14).
    const wants = (level: LogLevel, scope?: LogScope) => {
      const sinks = scope && this.sinks.get(scope.session);
      if (sinks) for (const w of sinks.values()) if (w(level, scope)) return true;
      return false;
    };
    this.detach = log.addSink((level, message, data, scope) => {
      const sinks = scope && this.sinks.get(scope.session);
      if (sinks) for (const [sink, w] of sinks) if (w(level, scope)) sink(level, message, data, scope);
    }, wants);
  }

  /** Same contract as Logger.addSink, for the server of session `scope`. */
  add(scope: string, sink: LogSink, wants: Wants = () => true): () => void {
    let set = this.sinks.get(scope);
    if (!set) this.sinks.set(scope, (set = new Map()));
    set.set(sink, wants);
    return () => {
      set.delete(sink);
      if (set.size === 0 && this.sinks.get(scope) === set) this.sinks.delete(scope);
    };
  }

  /** Sinks attached now (one per live session server); tests use it to find leaked servers. */
  size(): number {
    let n = 0;
    for (const set of this.sinks.values()) n += set.size;
    return n;
  }

  close(): void {
    this.detach();
    this.sinks.clear();
  }
}
