/**
 * The follower sync behind followers_sync. Zalo has no bulk profile read: the list gives user_ids
 * (50 a page) and each profile is one user/detail call, so a 20,000-follower OA costs ~20,400
 * requests. Everything is checkpointed in the store so a killed process resumes where it stopped:
 * list pages are queued together with the next offset in one transaction, and a profile leaves
 * the queue in the same transaction that stores it. A later run is incremental: the whole list
 * again (cheap) to find new followers, plus the users Zalo reports active since the last sync.
 */
import type { FollowerRecord, Store, SyncState } from '../../store/types.js';
import { ZaloApiError } from '../../zalo/errors.js';
import type { FollowerDetail } from '../../zalo/endpoints/followers.js';
import { tryNormalizePhone } from '../../zalo/phone.js';
import { VN_OFFSET_MS } from '../../zalo/rules.js';
import { parseInteractionDate } from '../../zalo/status.js';
import type { ToolContext } from '../define-tool.js';
import { isoDate } from './profile.js';
import { FLOOR_DAY, firstWindow, reachable, windowStep } from './sync-windows.js';

const PAGE = 50;
/** List pages fetched at once (the client's limiter still caps requests in flight). */
const LIST_PARALLEL = 8;
/** Profile reads kept in flight; the client's per-family limiter paces them. */
const WORKERS = 16;
/** Profiles stored per transaction. */
const FLUSH = 50;

export interface SyncResult {
  mode: 'full' | 'incremental';
  resumed: boolean;
  followers_listed: number;
  profiles_read: number;
  profiles_gone: number;
  remaining: number;
  index_size: number;
}

/** YYYY_MM_DD in Vietnam time (Zalo's last_interaction_period). */
function vnDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '_');
}

export function toFollowerRecord(d: FollowerDetail, at: number): FollowerRecord {
  const s = d.shared_info ?? undefined;
  const phone = s?.phone ? String(s.phone) : undefined;
  return {
    userId: d.user_id, displayName: d.display_name, alias: d.user_alias || undefined, avatar: d.avatar || undefined,
    isFollower: d.user_is_follower, lastInteraction: parseInteractionDate(d.user_last_interaction_date),
    tags: d.tags_and_notes_info?.tag_names ?? [], notes: d.tags_and_notes_info?.notes ?? [],
    name: s?.name || undefined, phone: phone ? (tryNormalizePhone(phone) ?? phone) : undefined, address: s?.address || undefined,
    city: s?.city || undefined, district: s?.district || undefined, birthday: isoDate(s?.user_dob), profileAt: at, updatedAt: at,
  };
}

/**
 * Page the follower list into the queue, LIST_PARALLEL pages per checkpoint. A pass whose total
 * is beyond what offsets reach (Zalo stops at offset 9,951) is paged by date windows instead
 * (sync-windows.ts); smaller ones keep plain offset paging.
 */
async function listPhase(store: Store, ctx: ToolContext, state: SyncState, incremental: boolean): Promise<SyncState> {
  const reach = reachable(ctx.client.maxListOffset, PAGE);
  while (state.phase === 'list') {
    const today = vnDay(ctx.now());
    let ids: string[];
    let next: SyncState;
    let passDone: boolean;
    if (state.window) {
      ({ ids, next, passDone } = await windowStep(ctx, state, { page: PAGE, parallel: LIST_PARALLEL, reach, floor: state.pass === 'recent' ? state.since! : FLOOR_DAY }));
    } else {
      const period = state.pass === 'recent' ? { last_interaction_period: `${state.since}:${today}` } : {};
      const first = state.listTotal === 0 || state.listOffset === 0 ? 1 : Math.min(LIST_PARALLEL, Math.ceil((state.listTotal - state.listOffset) / PAGE));
      const pages = await Promise.all(Array.from({ length: Math.max(1, first) }, (_, i) => ctx.zalo.followers.list({ offset: state.listOffset + i * PAGE, count: PAGE, ...period })));
      ids = pages.flatMap((p) => p.users.map((u) => u.user_id));
      const total = pages[0]!.total;
      next = { ...state, listOffset: state.listOffset + ids.length, listTotal: total, ...(state.pass === 'all' ? { followers: total } : {}) };
      passDone = pages.some((p) => p.users.length < PAGE) || next.listOffset >= total;
      if (state.listOffset === 0 && total > reach) {
        // Too many to page by offset: list by date windows (this first page is listed again in them).
        ids = [];
        passDone = false;
        next = { ...next, listOffset: 0, window: firstWindow(today, state.pass === 'recent' ? state.since! : FLOOR_DAY), windowed: 0 };
      }
    }
    const known = incremental && state.pass === 'all' ? await store.knownProfiles(ctx.oa, ids) : new Set<string>();
    if (passDone) {
      Object.assign(next, { window: undefined, windowed: undefined }, incremental && state.pass === 'all' ? { pass: 'recent', listOffset: 0, listTotal: 0 } : { phase: 'profiles' });
    }
    await store.queueProfiles(ctx.oa, ids.filter((id) => !known.has(id)), next);
    const listed = state.window ? `${(next.windowed ?? 0) + (next.window?.offset ?? 0)} (by date)` : Math.min(next.listOffset, next.listTotal);
    state = next;
    await ctx.progress(0, undefined, `listing followers: ${state.pass === 'all' ? listed : 'recently active'} of ${state.listTotal}`);
  }
  return state;
}

/** Read every queued profile through a pool of workers, storing them FLUSH at a time. */
async function profilePhase(store: Store, ctx: ToolContext, limit: number): Promise<{ read: number; gone: number }> {
  const total = await store.queuedCount(ctx.oa);
  let read = 0;
  let gone = 0;
  let budget = Math.min(limit, total);
  while (budget > 0) {
    const ids = await store.queuedProfiles(ctx.oa, Math.min(budget, 1000));
    if (ids.length === 0) break;
    budget -= ids.length;
    let next = 0;
    let failed = false;
    let done: FollowerRecord[] = [];
    let lost: string[] = [];
    const flush = async () => {
      const [f, g] = [done, lost];
      [done, lost] = [[], []];
      if (f.length || g.length) await store.completeProfiles(ctx.oa, f, g);
      read += f.length;
      gone += g.length;
      await ctx.progress(read + gone, total, `profiles ${read + gone} of ${total}`);
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, ids.length) }, async () => {
      while (next < ids.length && !failed) {
        ctx.signal.throwIfAborted();
        const id = ids[next++]!;
        try {
          // Read first, then push: `done` is swapped out by flush() while the request is in flight.
          const record = toFollowerRecord(await ctx.zalo.followers.detail(id), ctx.now());
          done.push(record);
        } catch (e) {
          // Listed a moment ago, gone now (-201): drop it from the queue, not the sync.
          if (e instanceof ZaloApiError && e.code === -201) lost.push(id);
          else {
            // Keep what was read (the rest stays queued for the next run), then fail.
            failed = true;
            await flush();
            throw e;
          }
        }
        if (done.length + lost.length >= FLUSH) await flush();
      }
    }));
    await flush();
  }
  return { read, gone };
}

export async function runSync(store: Store, ctx: ToolContext, options: { full: boolean; maxProfiles: number }): Promise<SyncResult> {
  let state = await store.getSync(ctx.oa);
  const resumed = state !== undefined && state.phase !== 'done' && !options.full;
  if (!resumed) {
    const last = options.full ? undefined : state?.lastCompleteAt;
    state = { phase: 'list', pass: 'all', listOffset: 0, listTotal: 0, startedAt: ctx.now(), ...(state?.lastCompleteAt ? { lastCompleteAt: state.lastCompleteAt } : {}), ...(last ? { since: vnDay(last) } : {}) };
    await store.setSync(ctx.oa, state);
  }
  const incremental = state!.since !== undefined;
  state = await listPhase(store, ctx, state!, incremental);
  const { read, gone } = await profilePhase(store, ctx, options.maxProfiles);
  const remaining = await store.queuedCount(ctx.oa);
  if (remaining === 0) await store.setSync(ctx.oa, { ...state, phase: 'done', lastCompleteAt: state.startedAt });
  return {
    mode: incremental ? 'incremental' : 'full', resumed, followers_listed: state.followers ?? state.listTotal, profiles_read: read, profiles_gone: gone, remaining,
    index_size: (await store.indexInfo(ctx.oa)).followers,
  };
}
