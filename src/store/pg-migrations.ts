/**
 * PostgreSQL schema, one entry per version; applied in order, once, by openPgPool. Append only:
 * a replica running an older build must still find the columns it uses.
 */
export interface PgMigration {
  version: number;
  sql: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    // One row per OA; a refresh replaces the whole pair with one UPDATE, so it is never half-written.
    sql: `CREATE TABLE zalo_tokens (
      alias text PRIMARY KEY,
      access_token text NOT NULL,
      refresh_token text NOT NULL,
      access_expires_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      oa_id text
    )`,
  },
];
