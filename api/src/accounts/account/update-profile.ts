// Changes the display name or email address of the signed-in person.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { UserRow } from '../account-schemas.js';
import { duplicateAccountError } from '../auth/sign-up.js';

export interface ProfileChange {
  readonly displayName?: string;
  /** null removes the address. */
  readonly email?: string | null;
}

export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  change: ProfileChange,
): Promise<UserRow> {
  try {
    const query = db.updateTable('users').where('id', '=', userId);
    const set: { displayName?: string; email?: string | null } = {};
    if (change.displayName !== undefined) set.displayName = change.displayName;
    if (change.email !== undefined) set.email = change.email;
    const returning = ['id', 'username', 'displayName', 'email', 'role', 'createdAt'] as const;
    if (Object.keys(set).length === 0) {
      return await db
        .selectFrom('users')
        .select(returning)
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
    }
    return await query.set(set).returning(returning).executeTakeFirstOrThrow();
  } catch (error) {
    throw duplicateAccountError(error) ?? error;
  }
}
