// Counters that slow down abuse, kept in the database so every API instance
// sees the same numbers: failed logins (per account and per address) and
// fixed-window request counts per route.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_throttles (
      scope text NOT NULL CHECK (scope IN ('account', 'ip')),
      key text NOT NULL,
      failures integer NOT NULL,
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz,
      PRIMARY KEY (scope, key)
    )
  `.execute(db);

  await sql`
    CREATE TABLE rate_limits (
      bucket text NOT NULL,
      key text NOT NULL,
      window_started_at timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (bucket, key)
    )
  `.execute(db);
  await sql`CREATE INDEX rate_limits_window_idx ON rate_limits (window_started_at)`.execute(db);
}
