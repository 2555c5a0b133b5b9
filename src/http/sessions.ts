/**
 * The open HTTP sessions, with caps that one client cannot use to lock others out: a bearer
 * token holds at most `perToken` sessions (a new one evicts that token's own idlest), and at the
 * total cap a new session evicts the idlest session of the token holding the most. A session
 * answering a request is never evicted; only when every candidate is busy is a client refused.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  scope: string;
  /** Name of the bearer token that opened it; only that token may use it. */
  owner: string | undefined;
  lastSeen: number;
  /** POSTs in flight: a session busy answering is never evicted. */
  active: number;
}

const ANONYMOUS = '\u0000anonymous';

export class SessionTable {
  private readonly byId = new Map<string, Session>();
  private readonly byOwner = new Map<string, Set<string>>();
  /** Initializations in flight, counted against the total so a burst cannot overshoot it. */
  pending = 0;

  constructor(private readonly max: number, private readonly perToken: number) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  add(id: string, session: Session): void {
    this.byId.set(id, session);
    const key = session.owner ?? ANONYMOUS;
    let ids = this.byOwner.get(key);
    if (!ids) this.byOwner.set(key, (ids = new Set()));
    ids.add(id);
  }

  delete(id: string): Session | undefined {
    const s = this.byId.get(id);
    if (!s) return undefined;
    this.byId.delete(id);
    const key = s.owner ?? ANONYMOUS;
    const ids = this.byOwner.get(key);
    ids?.delete(id);
    if (ids?.size === 0) this.byOwner.delete(key);
    return s;
  }

  /**
   * Make room for one more session of `owner`: undefined when there was room, the evicted
   * session (already removed, its server closing) when one had to go, false when all are busy.
   */
  makeRoom(owner: string | undefined): Session | undefined | false {
    const mine = this.byOwner.get(owner ?? ANONYMOUS);
    if (mine && mine.size >= this.perToken) return this.evictIdlest(mine) ?? false;
    if (this.byId.size + this.pending < this.max) return undefined;
    let biggest: Set<string> | undefined;
    for (const ids of this.byOwner.values()) if (!biggest || ids.size > biggest.size) biggest = ids;
    return (biggest && this.evictIdlest(biggest)) ?? this.evictIdlest(this.byId.keys()) ?? false;
  }

  /** Remove and return the sessions last used before `cutoff`. */
  idleSince(cutoff: number): Session[] {
    const out: Session[] = [];
    for (const [id, s] of this.byId) if (s.lastSeen < cutoff && s.active === 0) out.push(this.delete(id)!);
    return out;
  }

  /** Remove every session; returns them so the caller can close their servers. */
  clear(): Session[] {
    const all = [...this.byId.values()];
    this.byId.clear();
    this.byOwner.clear();
    return all;
  }

  private evictIdlest(ids: Iterable<string>): Session | undefined {
    let pick: string | undefined;
    for (const id of ids) {
      const s = this.byId.get(id)!;
      if (s.active === 0 && (pick === undefined || s.lastSeen < this.byId.get(pick)!.lastSeen)) pick = id;
    }
    if (pick === undefined) return undefined;
    const s = this.delete(pick)!;
    void s.server.close().catch(() => undefined);
    return s;
  }
}
