/**
 * The follower index in PostgreSQL (the same rules as sqlite-followers.ts): whole profiles from a
 * sync, field patches from webhooks, and the search behind followers_search on folded keys. The
 * WHERE clause is assembled from fixed fragments; every value travels as a parameter.
 */
import type { PoolClient } from 'pg';
import { COLUMNS, isTouch, MISSING_SQL } from './follower-columns.js';
import { foldName, likeEscape } from './normalize.js';
import type { FollowerPatch, FollowerQuery, FollowerRecord } from './types.js';

type Row = Record<string, unknown>;

/** A profile gives only the day of the last interaction; a webhook's exact later time is kept. */
const LAST_INTERACTION_MERGE = `last_interaction = CASE WHEN zalo_followers.last_interaction IS NULL OR EXCLUDED.last_interaction > zalo_followers.last_interaction
  THEN EXCLUDED.last_interaction ELSE zalo_followers.last_interaction END`;

const INSERTED = [...COLUMNS, 'oa', 'user_id'];
const UPSERT = `INSERT INTO zalo_followers (${INSERTED.join(', ')}) VALUES (${INSERTED.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (oa, user_id) DO UPDATE SET ${COLUMNS.map((c) => (c === 'last_interaction' ? LAST_INTERACTION_MERGE : `${c} = EXCLUDED.${c}`)).join(', ')}`;

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function toRecord(r: Row): FollowerRecord {
  return {
    userId: r.user_id as string, displayName: r.display_name as string, alias: opt(r.alias), avatar: opt(r.avatar),
    isFollower: opt(r.is_follower), lastInteraction: num(r.last_interaction),
    tags: JSON.parse(r.tags as string) as string[], notes: JSON.parse(r.notes as string) as string[], name: opt(r.name), phone: opt(r.phone),
    address: opt(r.address), city: opt(r.city), district: opt(r.district), birthday: opt(r.birthday), profileAt: num(r.profile_at), updatedAt: Number(r.updated_at),
  };
}

function values(oa: string, f: FollowerRecord): unknown[] {
  return [
    f.displayName, f.alias ?? null, f.avatar ?? null, f.isFollower ?? null, f.lastInteraction ?? null,
    JSON.stringify([...new Set(f.tags)]), JSON.stringify(f.notes ?? []), f.name ?? null, f.phone ?? null,
    f.address ?? null, f.city ?? null, f.district ?? null, f.birthday ?? null,
    foldName([f.displayName, f.alias, f.name].filter(Boolean).join(' ')), f.city ? foldName(f.city) : null,
    f.profileAt ?? null, f.updatedAt, oa, f.userId,
  ];
}

/** Write whole profiles and their folded tags (call inside a transaction). */
export async function putFollowers(c: PoolClient, oa: string, list: FollowerRecord[]): Promise<void> {
  // One order for every writer: two replicas storing overlapping profiles never deadlock.
  for (const f of [...list].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))) {
    await c.query(UPSERT, values(oa, f));
    await c.query('DELETE FROM zalo_follower_tags WHERE oa = $1 AND user_id = $2', [oa, f.userId]);
    const tags = [...new Set(f.tags.map(foldName))];
    if (tags.length) await c.query('INSERT INTO zalo_follower_tags (oa, user_id, tag_key) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING', [oa, f.userId, tags]);
  }
}

export async function getFollower(c: PoolClient, oa: string, userId: string, lock = false): Promise<FollowerRecord | undefined> {
  const { rows } = await c.query(`SELECT * FROM zalo_followers WHERE oa = $1 AND user_id = $2${lock ? ' FOR UPDATE' : ''}`, [oa, userId]);
  return rows[0] ? toRecord(rows[0] as Row) : undefined;
}

// A message or (un)follow changes no searchable text and no tag: one upsert, merged as below.
const TOUCH = `INSERT INTO zalo_followers (oa, user_id, is_follower, last_interaction, updated_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (oa, user_id) DO UPDATE SET is_follower = COALESCE(EXCLUDED.is_follower, zalo_followers.is_follower),
    ${LAST_INTERACTION_MERGE}, updated_at = EXCLUDED.updated_at`;

/** Change some fields (call inside a transaction: the row is locked while merged). */
export async function patchFollower(c: PoolClient, oa: string, userId: string, p: FollowerPatch, at: number): Promise<void> {
  if (isTouch(p)) return void (await c.query(TOUCH, [oa, userId, p.isFollower ?? null, p.lastInteraction ?? null, at]));
  // Two replicas may patch one new user at once: create the bare row first, then merge under its row lock.
  await c.query("INSERT INTO zalo_followers (oa, user_id, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [oa, userId, at]);
  const old = (await getFollower(c, oa, userId, true))!;
  const { addTags, ...fields } = p;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  // A webhook older than what we know must not move last_interaction backwards.
  if (defined.lastInteraction !== undefined && (old.lastInteraction ?? 0) > (defined.lastInteraction as number)) delete defined.lastInteraction;
  await putFollowers(c, oa, [{ ...old, ...defined, tags: [...old.tags, ...(addTags ?? [])], updatedAt: at }]);
}

export async function searchFollowers(c: PoolClient, q: FollowerQuery): Promise<{ items: FollowerRecord[]; total: number }> {
  const params: unknown[] = [q.oa];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = ['oa = $1'];
  for (const w of q.nameWords ?? []) where.push(`name_key LIKE ${p(`%${likeEscape(w)}%`)} ESCAPE '\\'`);
  if (q.phone?.exact) where.push(`phone = ${p(q.phone.exact)}`);
  else if (q.phone?.prefix) where.push(`phone LIKE ${p(`${likeEscape(q.phone.prefix)}%`)} ESCAPE '\\'`);
  else if (q.phone?.contains) where.push(`phone LIKE ${p(`%${likeEscape(q.phone.contains)}%`)} ESCAPE '\\'`);
  if (q.tag !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM zalo_follower_tags t WHERE t.oa = zalo_followers.oa AND t.user_id = zalo_followers.user_id AND t.tag_key = ${p(foldName(q.tag))})`);
  }
  if (q.city !== undefined) where.push(`city_key LIKE ${p(`%${likeEscape(foldName(q.city))}%`)} ESCAPE '\\'`);
  if (q.isFollower !== undefined) where.push(`is_follower = ${p(q.isFollower)}`);
  if (q.interactedFrom !== undefined) where.push(`last_interaction >= ${p(q.interactedFrom)}`);
  if (q.interactedTo !== undefined) where.push(`last_interaction <= ${p(q.interactedTo)}`);
  for (const m of new Set(q.missing ?? [])) where.push(MISSING_SQL[m]);
  const filter = where.join(' AND ');
  const page = `SELECT *, COUNT(*) OVER () AS total FROM zalo_followers WHERE ${filter}
    ORDER BY last_interaction IS NULL, last_interaction DESC, user_id COLLATE "C" LIMIT ${p(q.count)} OFFSET ${p(q.offset)}`;
  const { rows } = await c.query(page, params);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && q.offset > 0) total = (await c.query(`SELECT COUNT(*)::int AS n FROM zalo_followers WHERE ${filter}`, params.slice(0, -2))).rows[0].n as number;
  return { items: rows.map((r) => toRecord(r as Row)), total };
}

export async function knownProfiles(c: PoolClient, oa: string, ids: string[]): Promise<Set<string>> {
  const { rows } = await c.query('SELECT user_id FROM zalo_followers WHERE oa = $1 AND profile_at IS NOT NULL AND user_id = ANY($2::text[])', [oa, ids]);
  return new Set(rows.map((r) => r.user_id as string));
}

export async function indexInfo(c: PoolClient, oa: string): Promise<{ followers: number; profiles: number; newestProfileAt?: number }> {
  const r = (await c.query('SELECT COUNT(*)::int AS followers, COUNT(profile_at)::int AS profiles, MAX(profile_at) AS newest FROM zalo_followers WHERE oa = $1', [oa])).rows[0];
  return { followers: r.followers, profiles: r.profiles, ...(r.newest !== null ? { newestProfileAt: Number(r.newest) } : {}) };
}
