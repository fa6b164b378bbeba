// Changes the display name or email address of the signed-in person.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { UserRow } from '../account-schemas.js';
import { duplicateAccountError } from '../duplicate-account-error.js';

export interface ProfileChange {
  readonly displayName?: string;
  /** null removes the address. */
  readonly email?: string | null;
}

const USER_COLUMNS = ['id', 'username', 'displayName', 'email', 'role', 'createdAt'] as const;

export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  change: ProfileChange,
): Promise<UserRow> {
  const set = {
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.email !== undefined ? { email: change.email } : {}),
  };
  if (Object.keys(set).length === 0) {
    return db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
  }
  try {
    return await db
      .updateTable('users')
      .set(set)
      .where('id', '=', userId)
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
  } catch (error) {
    throw duplicateAccountError(error) ?? error;
  }
}
