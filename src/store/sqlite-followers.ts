/**
 * The follower index in SQLite: whole profiles from a sync, field patches from webhooks, and the
 * search behind followers_search. Names, cities and tags are matched on folded keys (foldName),
 * so the query needs no collation extension; the WHERE clause is assembled from fixed fragments
 * and every value travels as a parameter.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { COLUMNS, isTouch, MISSING_SQL } from './follower-columns.js';
import { foldName, likeEscape } from './normalize.js';
import type { FollowerPatch, FollowerQuery, FollowerRecord } from './types.js';

type Row = Record<string, unknown>;

/** A profile gives only the day of the last interaction; a webhook's exact later time is kept. */
const LAST_INTERACTION_MERGE = `last_interaction = CASE WHEN followers.last_interaction IS NULL OR excluded.last_interaction > followers.last_interaction
  THEN excluded.last_interaction ELSE followers.last_interaction END`;

const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function toRecord(r: Row): FollowerRecord {
  return {
    userId: r.user_id as string, displayName: r.display_name as string, alias: opt(r.alias), avatar: opt(r.avatar),
    isFollower: r.is_follower === null ? undefined : r.is_follower === 1, lastInteraction: opt(r.last_interaction),
    tags: JSON.parse(r.tags as string) as string[], notes: JSON.parse(r.notes as string) as string[], name: opt(r.name), phone: opt(r.phone),
    address: opt(r.address), city: opt(r.city), district: opt(r.district), birthday: opt(r.birthday), profileAt: opt(r.profile_at), updatedAt: r.updated_at as number,
  };
}

function toRow(oa: string, f: FollowerRecord): Row {
  return {
    oa, user_id: f.userId, display_name: f.displayName, alias: f.alias ?? null, avatar: f.avatar ?? null,
    is_follower: f.isFollower === undefined ? null : f.isFollower ? 1 : 0, last_interaction: f.lastInteraction ?? null,
    tags: JSON.stringify([...new Set(f.tags)]), notes: JSON.stringify(f.notes ?? []), name: f.name ?? null, phone: f.phone ?? null,
    address: f.address ?? null, city: f.city ?? null, district: f.district ?? null, birthday: f.birthday ?? null,
    name_key: foldName([f.displayName, f.alias, f.name].filter(Boolean).join(' ')), city_key: f.city ? foldName(f.city) : null,
    profile_at: f.profileAt ?? null, updated_at: f.updatedAt,
  };
}

export function sqliteFollowers(db: BetterSqlite3.Database) {
  const upsert = db.prepare(`INSERT INTO followers (oa, user_id, ${COLUMNS.join(', ')}) VALUES (@oa, @user_id, ${COLUMNS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (oa, user_id) DO UPDATE SET ${COLUMNS.map((c) => (c === 'last_interaction' ? LAST_INTERACTION_MERGE : `${c} = excluded.${c}`)).join(', ')}`);
  const known = db.prepare('SELECT user_id FROM followers WHERE oa = ? AND profile_at IS NOT NULL AND user_id IN (SELECT value FROM json_each(?))');
  const get = db.prepare('SELECT * FROM followers WHERE oa = ? AND user_id = ?');
  const dropTags = db.prepare('DELETE FROM follower_tags WHERE oa = ? AND user_id = ?');
  const addTag = db.prepare('INSERT INTO follower_tags (oa, user_id, tag_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  // A message or (un)follow changes no searchable text and no tag: one upsert, as patchRow would merge it.
  const touch = db.prepare(`INSERT INTO followers (oa, user_id, is_follower, last_interaction, updated_at) VALUES (@oa, @userId, @isFollower, @lastInteraction, @at)
    ON CONFLICT (oa, user_id) DO UPDATE SET is_follower = COALESCE(excluded.is_follower, followers.is_follower),
      ${LAST_INTERACTION_MERGE}, updated_at = excluded.updated_at`);
  const info = db.prepare('SELECT COUNT(*) AS followers, COUNT(profile_at) AS profiles, MAX(profile_at) AS newest FROM followers WHERE oa = ?');

  const write = (oa: string, f: FollowerRecord) => {
    upsert.run(toRow(oa, f));
    dropTags.run(oa, f.userId);
    for (const t of new Set(f.tags.map(foldName))) addTag.run(oa, f.userId, t);
  };
  const put = db.transaction((oa: string, list: FollowerRecord[]) => list.forEach((f) => write(oa, f)));
  const patchRow = (oa: string, userId: string, p: FollowerPatch, at: number) => {
    if (isTouch(p)) return void touch.run({ oa, userId, isFollower: p.isFollower === undefined ? null : p.isFollower ? 1 : 0, lastInteraction: p.lastInteraction ?? null, at });
    const row = get.get(oa, userId) as Row | undefined;
    const old: FollowerRecord = row ? toRecord(row) : { userId, displayName: '', tags: [], updatedAt: at };
    const { addTags, ...fields } = p;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    // A webhook older than what we know must not move last_interaction backwards.
    if (defined.lastInteraction !== undefined && (old.lastInteraction ?? 0) > (defined.lastInteraction as number)) delete defined.lastInteraction;
    write(oa, { ...old, ...defined, tags: [...old.tags, ...(addTags ?? [])], updatedAt: at });
  };
  const patch = db.transaction(patchRow);

  const searchCache = new Map<string, BetterSqlite3.Statement>();
  function search(q: FollowerQuery): { items: FollowerRecord[]; total: number } {
    const where = ['oa = @oa'];
    const params: Row = { oa: q.oa, count: q.count, offset: q.offset };
    (q.nameWords ?? []).forEach((w, i) => {
      where.push(`name_key LIKE @w${i} ESCAPE '\\'`);
      params[`w${i}`] = `%${likeEscape(w)}%`;
    });
    if (q.phone?.exact) (where.push('phone = @phone'), (params.phone = q.phone.exact));
    else if (q.phone?.prefix) (where.push("phone LIKE @phone ESCAPE '\\'"), (params.phone = `${likeEscape(q.phone.prefix)}%`));
    else if (q.phone?.contains) (where.push("phone LIKE @phone ESCAPE '\\'"), (params.phone = `%${likeEscape(q.phone.contains)}%`));
    if (q.tag !== undefined) {
      where.push('user_id IN (SELECT user_id FROM follower_tags WHERE oa = @oa AND tag_key = @tag)');
      params.tag = foldName(q.tag);
    }
    if (q.city !== undefined) (where.push("city_key LIKE @city ESCAPE '\\'"), (params.city = `%${likeEscape(foldName(q.city))}%`));
    if (q.isFollower !== undefined) (where.push('is_follower = @isFollower'), (params.isFollower = q.isFollower ? 1 : 0));
    if (q.interactedFrom !== undefined) (where.push('last_interaction >= @from'), (params.from = q.interactedFrom));
    if (q.interactedTo !== undefined) (where.push('last_interaction <= @to'), (params.to = q.interactedTo));
    for (const m of new Set(q.missing ?? [])) where.push(MISSING_SQL[m]);
    // Newest interaction first (NULLs sort last in DESC): the page walks followers_by_recent and
    // stops at its end; the total is a separate count, so no query materialises every match.
    const filter = where.join(' AND ');
    // A selective filter (name, phone, tag) finds few rows: read those and sort them (`+` keeps the
    // planner off the ordering index, which would visit every row); broad filters walk the index.
    const selective = (q.nameWords?.length ?? 0) > 0 || q.phone !== undefined || q.tag !== undefined;
    const pageSql = `SELECT * FROM followers WHERE ${filter} ORDER BY ${selective ? '+' : ''}last_interaction DESC, user_id DESC LIMIT @count OFFSET @offset`;
    const countSql = `SELECT COUNT(*) AS n FROM followers WHERE ${filter}`;
    const prepared = (sql: string) => {
      let stmt = searchCache.get(sql);
      if (!stmt) searchCache.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    };
    const rows = prepared(pageSql).all(params) as Row[];
    const { count: _c, offset: _o, ...countParams } = params;
    const total = rows.length < q.count && (rows.length > 0 || q.offset === 0) ? q.offset + rows.length : (prepared(countSql).get(countParams) as { n: number }).n;
    return { items: rows.map(toRecord), total };
  }

  return {
    put: (oa: string, list: FollowerRecord[]) => put(oa, list),
    patch: (oa: string, userId: string, p: FollowerPatch, at: number) => patch(oa, userId, p, at),
    /** patch without its own transaction (inside Store.ingest's). */
    patchRow,
    get: (oa: string, userId: string) => {
      const r = get.get(oa, userId) as Row | undefined;
      return r && toRecord(r);
    },
    search,
    known: (oa: string, ids: string[]) => new Set((known.all(oa, JSON.stringify(ids)) as Array<{ user_id: string }>).map((r) => r.user_id)),
    info: (oa: string) => {
      const r = info.get(oa) as { followers: number; profiles: number; newest: number | null };
      return { followers: r.followers, profiles: r.profiles, ...(r.newest !== null ? { newestProfileAt: r.newest } : {}) };
    },
  };
}
