/**
 * The local state the server keeps (DESIGN.md section 6), behind one database-neutral, async
 * interface: SQLite is the embedded default, PostgreSQL (several replicas) implements the same
 * contract later. Every record is keyed by the OA alias; times are epoch milliseconds.
 */

/** A verified webhook event, kept raw. */
export interface EventRecord {
  oa: string;
  /** msg:<event>:<msg_id>, or <event>:<timestamp>:<subject> when the event has no msg_id. */
  dedupeKey: string;
  eventName: string;
  /** The user the event is about, when there is one. */
  userId?: string;
  /** Zalo's `timestamp` (ms). */
  time: number;
  receivedAt: number;
  raw: string;
}

export interface StoredEvent extends EventRecord {
  id: number;
}

export interface EventQuery {
  oa: string;
  eventName?: string;
  userId?: string;
  from?: number;
  to?: number;
  offset: number;
  count: number;
}

export type Direction = 'in' | 'out';

/** One message of a conversation (user → OA is `in`), or a ZNS template sent to a phone. */
export interface MessageRecord {
  oa: string;
  messageId: string;
  /** Absent for a ZNS message sent by phone to someone we have no user_id for. */
  userId?: string;
  direction: Direction;
  type: string;
  text?: string;
  time: number;
  /** Where we learnt of it: a webhook, one of our tools, or Zalo's history API. */
  source: 'webhook' | 'tool' | 'api';
  phone?: string;
  trackingId?: string;
  templateId?: string;
  deliveredAt?: number;
  seenAt?: number;
}

/** A conversation whose last message came from the user. */
export interface UnansweredRow {
  userId: string;
  /** Time of the user's last message. */
  lastUserTime: number;
  lastText?: string;
  lastType: string;
  /** User messages since our last reply. */
  waiting: number;
  displayName?: string;
}

export interface FollowerRecord {
  userId: string;
  displayName: string;
  alias?: string;
  avatar?: string;
  isFollower?: boolean;
  lastInteraction?: number;
  tags: string[];
  notes?: string[];
  name?: string;
  /** 84xxxxxxxxx. */
  phone?: string;
  address?: string;
  city?: string;
  district?: string;
  /** YYYY-MM-DD. */
  birthday?: string;
  /** When the profile was last read from Zalo (undefined: known only from webhooks). */
  profileAt?: number;
  updatedAt: number;
}

/** Fields a webhook may change on a follower; absent fields stay as they are. */
export type FollowerPatch = Partial<Omit<FollowerRecord, 'userId' | 'tags' | 'updatedAt'>> & { addTags?: string[] };

export type MissingField = 'phone' | 'name' | 'address' | 'city' | 'birthday';

export interface FollowerQuery {
  oa: string;
  /** Folded (see foldName) words, each must occur in the display name, alias or shared name. */
  nameWords?: string[];
  /** 84xxxxxxxxx exact, 84… prefix, or digits anywhere in the number (see phoneQuery). */
  phone?: { exact?: string; prefix?: string; contains?: string };
  tag?: string;
  /** Folded city name. */
  city?: string;
  isFollower?: boolean;
  interactedFrom?: number;
  interactedTo?: number;
  missing?: MissingField[];
  offset: number;
  count: number;
}

/** A resumable follower sync (see tools/followers/sync). */
export interface SyncState {
  /** `list`: paging user/getlist; `profiles`: reading queued profiles; `done`. */
  phase: 'list' | 'profiles' | 'done';
  /** Which list pass: all users, or users active since `since` (VN day YYYY_MM_DD). */
  pass: 'all' | 'recent';
  listOffset: number;
  listTotal: number;
  /** Followers the full list reported in this run. */
  followers?: number;
  startedAt: number;
  /** When the last complete sync started (its list is what the index reflects). */
  lastCompleteAt?: number;
  since?: string;
  /**
   * A pass larger than user/getlist's offsets reach (~10,000) is paged by last_interaction_period
   * windows instead (tools/followers/sync-windows.ts): the window being paged, VN days
   * YYYY_MM_DD, its `days`, the next offset in it and its total (0 until its first page). A single
   * day still too large is listed in two halves by is_follower (`follower`).
   */
  window?: { from: string; to: string; days: number; offset: number; total: number; follower?: boolean };
  /** Users the finished windows of this pass held (the pass ends when it reaches listTotal). */
  windowed?: number;
}

/** One change a webhook event makes, applied by Store.ingest in the event's own transaction (the OA is the event's). */
export type EventEffect =
  | { kind: 'message'; message: Omit<MessageRecord, 'oa'> }
  | { kind: 'follower'; userId: string; patch: FollowerPatch; at: number }
  | { kind: 'delivered'; messageId: string; at: number }
  | { kind: 'seen'; userId: string; messageIds: string[]; at: number }
  | { kind: 'value'; key: string; value: string; at: number }
  /** Tell other processes (PostgreSQL NOTIFY, delivered only if the transaction commits; a one-process store skips it). */
  | { kind: 'notify'; channel: string; payload: string };

/** What a committed change tells this process's listeners (storeEvents in index.ts), as data. */
export type StoreChange =
  | { name: 'message'; event: { oa: string; userId: string; messageId: string; direction: Direction } }
  | { name: 'template'; event: { oa: string; templateId: string } };

export interface Store {
  /** 'sqlite' or 'postgres'. */
  readonly kind: string;
  /** Keep a verified event; false when its dedupe key was already stored (a retry or replay). */
  addEvent(event: EventRecord): Promise<boolean>;
  /**
   * Keep a verified event and apply its effects in one transaction: all of it commits or none of
   * it (a crash or a failed effect leaves no trace, so Zalo's redelivery stores it whole). False,
   * with nothing changed, when its dedupe key is already stored — decided inside that transaction,
   * so concurrent deliveries of one event on several replicas apply it once. `changes` are what
   * the caller announces after the commit (a shared store may announce them with the commit).
   */
  ingest(event: EventRecord, effects: EventEffect[], changes?: StoreChange[]): Promise<boolean>;
  listEvents(query: EventQuery): Promise<{ items: StoredEvent[]; total: number }>;

  /** Record a message; a message_id already known is merged (delivery/seen kept), never duplicated. */
  addMessage(message: MessageRecord): Promise<boolean>;
  getMessage(oa: string, messageId: string): Promise<MessageRecord | undefined>;
  /** Newest first. */
  history(oa: string, userId: string, offset: number, count: number): Promise<MessageRecord[]>;
  countMessages(oa: string, userId: string): Promise<number>;
  markDelivered(oa: string, messageId: string, at: number): Promise<boolean>;
  /** Marks the given messages, or when none are named every OA message to the user up to `at`. */
  markSeen(oa: string, userId: string, messageIds: string[], at: number): Promise<number>;
  /** Oldest waiting first; `since` drops conversations whose last user message is older. */
  unanswered(oa: string, options: { since?: number; offset: number; count: number }): Promise<{ items: UnansweredRow[]; total: number }>;

  /** Insert or replace whole profiles (a sync); one transaction. */
  putFollowers(oa: string, followers: FollowerRecord[]): Promise<void>;
  /** Change some fields (a webhook); creates a bare row for an unknown user. */
  patchFollower(oa: string, userId: string, patch: FollowerPatch, at: number): Promise<void>;
  getFollower(oa: string, userId: string): Promise<FollowerRecord | undefined>;
  searchFollowers(query: FollowerQuery): Promise<{ items: FollowerRecord[]; total: number }>;
  /** Which of `userIds` already have a profile read from Zalo. */
  knownProfiles(oa: string, userIds: string[]): Promise<Set<string>>;
  /** Followers in the index and the newest profile read. */
  indexInfo(oa: string): Promise<{ followers: number; profiles: number; newestProfileAt?: number }>;

  getSync(oa: string): Promise<SyncState | undefined>;
  setSync(oa: string, state: SyncState): Promise<void>;
  /** Queue user_ids whose profile must be read, and save the sync state, in one transaction. */
  queueProfiles(oa: string, userIds: string[], state: SyncState): Promise<void>;
  /** Up to `limit` queued user_ids. */
  queuedProfiles(oa: string, limit: number): Promise<string[]>;
  queuedCount(oa: string): Promise<number>;
  /** Store read profiles and take them (and `gone` ids) off the queue, in one transaction. */
  completeProfiles(oa: string, followers: FollowerRecord[], gone: string[]): Promise<void>;

  /** Small named values (e.g. the last ZNS daily quota a webhook announced). */
  getValue(oa: string, key: string): Promise<{ value: string; at: number } | undefined>;
  setValue(oa: string, key: string, value: string, at: number): Promise<void>;

  /**
   * Optional (stores shared by several processes): run `fn` in one of them at a time for (oa, name);
   * a caller that finds it running waits and gets the holder's result (`ran: false`) instead of
   * repeating the work. PostgreSQL implements it with an advisory lock (pg.ts).
   */
  exclusive?<T>(oa: string, name: string, fn: () => Promise<T>, options?: ExclusiveOptions): Promise<{ value: T; ran: boolean }>;

  close(): Promise<void>;
}

/** How long exclusive() waits for another process's run, and what it throws when that is too long. */
export interface ExclusiveOptions {
  waitMs?: number;
  /** The error for a caller that waited `waitMs` in vain (e.g. naming the holder's progress). */
  busy?: () => Promise<Error>;
}
