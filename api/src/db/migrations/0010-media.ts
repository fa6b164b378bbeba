// Media the API stored for its users (the bytes live in MediaStorage), each
// user's bytes counted against a quota, and module calls the module refused
// for good (set aside for operators instead of retried forever).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE media (
      id uuid PRIMARY KEY,
      owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('image', 'audio')),
      content_type text NOT NULL,
      byte_size integer NOT NULL CHECK (byte_size > 0),
      stored_bytes integer NOT NULL CHECK (stored_bytes >= byte_size),
      width integer NOT NULL CHECK (width >= 0),
      height integer NOT NULL CHECK (height >= 0),
      duration_ms integer NOT NULL CHECK (duration_ms >= 0),
      placeholder text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      thumbnail_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX media_owner_idx ON media (owner_user_id, created_at)`.execute(db);

  // double precision holds every whole byte count below 2^53 exactly, and both
  // pg and PGlite return it as a number (bigint comes back as a string from pg).
  await sql`
    CREATE TABLE media_usage (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      used_bytes double precision NOT NULL CHECK (used_bytes >= 0 AND used_bytes = trunc(used_bytes))
    )
  `.execute(db);

  await sql`
    CREATE TABLE module_call_failures (
      id integer PRIMARY KEY,
      reducer text NOT NULL,
      args jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      attempts integer NOT NULL,
      error text NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
}
