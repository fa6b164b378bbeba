// Calls the API owes the SpacetimeDB module (service reducers such as
// delete_user and register_media). A row is written in the same transaction
// as the change that causes it; a drainer calls the reducer and deletes the
// row, retrying with back-off, so no call is lost to a crash.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE module_outbox (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reducer text NOT NULL,
      args jsonb NOT NULL CHECK (jsonb_typeof(args) = 'array'),
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX module_outbox_next_attempt_idx ON module_outbox (next_attempt_at, id)`.execute(
    db,
  );
}
