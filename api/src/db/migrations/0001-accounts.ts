// Accounts: people, the invites they sign up with, their sessions and
// password resets, and the instance-wide settings an admin controls.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE instance_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      members_can_invite boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`INSERT INTO instance_settings DEFAULT VALUES`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL CHECK (username ~ '^[a-z0-9_]{3,20}$'),
      display_name text NOT NULL,
      email text CHECK (email = lower(email)),
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      invite_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_username_key UNIQUE (username),
      CONSTRAINT users_email_key UNIQUE (email)
    )
  `.execute(db);

  await sql`
    CREATE TABLE invites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code_hash text NOT NULL CONSTRAINT invites_code_hash_key UNIQUE,
      created_by uuid REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      max_uses integer NOT NULL CHECK (max_uses > 0),
      uses integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX invites_created_by_idx ON invites (created_by)`.execute(db);
  await sql`
    ALTER TABLE users ADD CONSTRAINT users_invite_id_fkey
      FOREIGN KEY (invite_id) REFERENCES invites (id) ON DELETE SET NULL
  `.execute(db);

  await sql`
    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
      csrf_token text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
      user_agent text,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`.execute(db);
  await sql`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE password_resets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL CONSTRAINT password_resets_token_hash_key UNIQUE,
      requested_ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )
  `.execute(db);
  await sql`CREATE INDEX password_resets_user_id_idx ON password_resets (user_id)`.execute(db);
}
