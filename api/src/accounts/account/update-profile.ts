// Changes the display name or email address of the signed-in person. The
// address is where password reset links go, so changing it is as sensitive as
// changing the password: it needs the password (a stolen session must not be
// able to point the account's resets at the thief), and it ends the links
// already sent to the old address.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { UserRow } from '../account-schemas.js';
import { duplicateAccountError } from '../duplicate-account-error.js';
import { confirmPassword } from '../passwords/confirm-password.js';
import { endPasswordResetLinks } from '../passwords/end-password-reset-links.js';

export interface ProfileChange {
  readonly displayName?: string;
  /** null removes the address. */
  readonly email?: string | null;
  /** Required with `email` (the route's schema says so). */
  readonly password?: string;
}

export interface ProfileChanger {
  readonly userId: string;
  /** The current username: the key of the brute-force counters. */
  readonly username: string;
  readonly ip: string;
}

export interface ProfileUpdate {
  readonly user: UserRow;
  /** Whether the address changed (and the open reset links ended). */
  readonly emailChanged: boolean;
  /** The address before a change, to tell its owner; null when there was none. */
  readonly previousEmail: string | null;
}

const USER_COLUMNS = ['id', 'username', 'displayName', 'email', 'role', 'createdAt'] as const;

export async function updateProfile(
  db: Kysely<Database>,
  who: ProfileChanger,
  change: ProfileChange,
): Promise<ProfileUpdate> {
  if (change.email !== undefined) {
    if (change.password === undefined) throw new Error('an email change needs the password');
    await confirmPassword(db, who, change.password);
  }
  const set = {
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.email !== undefined ? { email: change.email } : {}),
  };
  try {
    return await db.transaction().execute(async (trx) => {
      // Locked: a concurrent email change commits before or after this one,
      // never between reading the old address and ending its links.
      const before = await trx
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('id', '=', who.userId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (Object.keys(set).length === 0) {
        return { user: before, emailChanged: false, previousEmail: before.email };
      }
      const user = await trx
        .updateTable('users')
        .set(set)
        .where('id', '=', who.userId)
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
      const emailChanged = user.email !== before.email;
      if (emailChanged) await endPasswordResetLinks(trx, who.userId);
      return { user, emailChanged, previousEmail: before.email };
    });
  } catch (error) {
    throw duplicateAccountError(error) ?? error;
  }
}
