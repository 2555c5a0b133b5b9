/**
 * Date windows for follower lists larger than user/getlist's offsets reach. Zalo refuses an
 * offset above 9,951 (ZALO_API.md §4), so plain offset paging stops at ~10,000 users. Every
 * filter has the same cap, but each filter's total is its own: last_interaction_period with a
 * range of VN days (YYYY_MM_DD:YYYY_MM_DD) splits the list into windows small enough to page.
 * We walk back from today: a window whose total is too large is halved (down to one day); a day
 * still too large is listed in two parts, followers then non-followers (is_follower partitions
 * the list, and each part has its own total and cap); a finished window is followed by the one
 * just before it (twice as long when it held few users); the pass ends when the windows' totals
 * add up to the pass's total or the floor date is reached. The window and the offset in it are part of SyncState, so a killed sync resumes there.
 */
import type { SyncState } from '../../store/types.js';
import { HOUR_MS } from '../../zalo/rules.js';
import type { ToolContext } from '../define-tool.js';

type Window = NonNullable<SyncState['window']>;

const DAY_MS = 24 * HOUR_MS;
/** Zalo Official Accounts date from 2013: nobody interacted before. */
export const FLOOR_DAY = '2013_01_01';
/** The first window (today and the 29 days before) and the longest one. */
const FIRST_DAYS = 30;
const MAX_DAYS = 1024;

/** Users offset paging reaches: pages of `page` at 0, page, … up to the largest offset allowed. */
export function reachable(maxOffset: number, page: number): number {
  return (Math.floor(maxOffset / page) + 1) * page;
}

function dayNumber(day: string): number {
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '_');
}

/** The window of `days` days ending on day `to`, never starting before `floor`. */
function windowEnding(to: number, days: number, floor: string): Window {
  return { from: dayString(Math.max(dayNumber(floor), to - days + 1)), to: dayString(to), days, offset: 0, total: 0 };
}

/** The first window of a pass: the FIRST_DAYS days up to `today`. */
export function firstWindow(today: string, floor: string): Window {
  return windowEnding(dayNumber(today), FIRST_DAYS, floor);
}

export interface WindowStep {
  ids: string[];
  next: SyncState;
  /** Every window of the pass is listed. */
  passDone: boolean;
}

/** List the next pages of the current window (state.window), or move to the next window. */
export async function windowStep(ctx: ToolContext, state: SyncState, opts: { page: number; parallel: number; reach: number; floor: string }): Promise<WindowStep> {
  const { page, parallel, reach, floor } = opts;
  const w = state.window!;
  const list = (offset: number) =>
    ctx.zalo.followers.list({ offset, count: page, last_interaction_period: `${w.from}:${w.to}`, ...(w.follower === undefined ? {} : { is_follower: w.follower }) });
  let { total, offset } = w;
  let ids: string[];
  let short: boolean;
  if (offset === 0) {
    // First page of the window: its total says whether it fits; if not, halve it (ids dropped, re-listed).
    const first = await list(0);
    total = first.total;
    if (total > reach && w.days > 1) {
      return { ids: [], next: { ...state, window: windowEnding(dayNumber(w.to), Math.ceil(w.days / 2), floor) }, passDone: false };
    }
    if (total > reach && w.follower === undefined) {
      return { ids: [], next: { ...state, window: { ...w, follower: true, offset: 0, total: 0 } }, passDone: false };
    }
    ids = first.users.map((u) => u.user_id);
    short = first.users.length < page;
  } else {
    const n = Math.max(1, Math.min(parallel, Math.ceil((Math.min(total, reach) - offset) / page)));
    const pages = await Promise.all(Array.from({ length: n }, (_, i) => list(offset + i * page)));
    ids = pages.flatMap((p) => p.users.map((u) => u.user_id));
    short = pages.some((p) => p.users.length < page);
  }
  offset += ids.length;
  if (!short && offset < Math.min(total, reach)) return { ids, next: { ...state, window: { ...w, offset, total } }, passDone: false };

  if (total > reach) {
    // One day's followers (or non-followers) alone beyond what offsets reach: Zalo offers no finer
    // filter that partitions the list. Keep what was listed.
    ctx.log.warning('followers_sync: one day holds more users than Zalo lists; some are skipped', { day: w.from, is_follower: w.follower, total, listed: reach });
  }
  const windowed = (state.windowed ?? 0) + total;
  // The followers of a split day are listed: its non-followers next.
  if (w.follower === true) return { ids, next: { ...state, window: { ...w, follower: false, offset: 0, total: 0 }, windowed }, passDone: false };
  if (windowed >= state.listTotal || w.from <= floor) return { ids, next: { ...state, window: undefined, windowed }, passDone: true };
  // A window with few users: the one before it may be longer (older days hold fewer active users).
  const days = total < reach / 4 ? Math.min(MAX_DAYS, w.days * 2) : w.days;
  return { ids, next: { ...state, window: windowEnding(dayNumber(w.from) - 1, days, floor), windowed }, passDone: false };
}
