// Changes a signed-in person's password and ends their other sessions
// (anyone else holding one loses it) and their open reset links (a link in a
// mailbox someone else reads would undo the change); the session making the
// change stays.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { confirmPassword } from './confirm-password.js';
import { endPasswordResetLinks } from './end-password-reset-links.js';
import { hashPassword } from './password-hasher.js';
import { checkPasswordStrength } from './password-rules.js';

export interface ChangePasswordRequest {
  readonly userId: string;
  readonly username: string;
  readonly sessionId: string;
  readonly ip: string;
  readonly currentPassword: string;
  readonly newPassword: string;
}

export async function changePassword(
  db: Kysely<Database>,
  request: ChangePasswordRequest,
): Promise<void> {
  await confirmPassword(db, request, request.currentPassword);
  checkPasswordStrength(request.newPassword, request.username);
  const passwordHash = await hashPassword(request.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: sql<Date>`now()` })
      .where('id', '=', request.userId)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('userId', '=', request.userId)
      .where('id', '!=', request.sessionId)
      .execute();
    await endPasswordResetLinks(trx, request.userId);
  });
}
