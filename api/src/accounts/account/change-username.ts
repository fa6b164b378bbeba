// Changes a signed-in person's username, under the rules of sign-up (not
// reserved, unique without regard to case: names are stored lower-cased and
// the unique index decides races), after the password is confirmed. The
// module's rename_user is queued in the same transaction, so the network sees
// the new name at once instead of at the member's next connection.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import { enqueueModuleCall } from '../../module-outbox/enqueue-module-call.js';
import type { UserRow } from '../account-schemas.js';
import { duplicateAccountError } from '../duplicate-account-error.js';
import { confirmPassword } from '../passwords/confirm-password.js';
import { checkUsernameAllowed } from '../usernames.js';

export interface ChangeUsernameRequest {
  readonly userId: string;
  /** The current username: the key of the brute-force counters. */
  readonly username: string;
  readonly ip: string;
  readonly password: string;
  /** Already lower-cased and checked against the username pattern. */
  readonly newUsername: string;
}

export interface UsernameChange {
  readonly user: UserRow;
  /** False when the account had that name already: nothing changed, nothing was queued. */
  readonly changed: boolean;
}

const USER_COLUMNS = ['id', 'username', 'displayName', 'email', 'role', 'createdAt'] as const;

export async function changeUsername(
  db: Kysely<Database>,
  request: ChangeUsernameRequest,
): Promise<UsernameChange> {
  checkUsernameAllowed(request.newUsername);
  await confirmPassword(db, request, request.password);
  // Checked only once the password is known to be right (it would otherwise
  // tell a session thief what the password contains): sign-up and password
  // changes keep the username out of the password, and a rename must too.
  if (request.password.toLowerCase().includes(request.newUsername)) {
    throw new ApiError(
      'weak_password',
      'Your password contains that username; choose another username, or change your password first.',
    );
  }
  try {
    return await db.transaction().execute(async (trx) => {
      // Locked: two renames of one account commit (and queue) one after the other.
      const current = await trx
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('id', '=', request.userId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (current.username === request.newUsername) return { user: current, changed: false };
      const user = await trx
        .updateTable('users')
        .set({ username: request.newUsername })
        .where('id', '=', request.userId)
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
      // After the update: whoever takes the old name next waits for this
      // commit, so their rename_user is queued behind this one and the module
      // has released the name when it arrives.
      await enqueueModuleCall(trx, 'rename_user', [request.userId, request.newUsername]);
      return { user, changed: true };
    });
  } catch (error) {
    throw duplicateAccountError(error) ?? error;
  }
}
