// Finishes a password reset. The link is spent atomically (a conditional
// UPDATE), so a replayed or concurrently reused link fails; every session and
// every other outstanding link of the account ends with it.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import { hashSecretToken } from '../secret-tokens.js';
import { clearAccountFailures } from '../throttling/login-throttle.js';
import { endPasswordResetLinks } from './end-password-reset-links.js';
import { hashPassword } from './password-hasher.js';
import { checkPasswordStrength } from './password-rules.js';

export async function completePasswordReset(
  db: Kysely<Database>,
  token: string,
  newPassword: string,
): Promise<void> {
  const tokenHash = hashSecretToken(token);
  const reset = await db
    .selectFrom('passwordResets')
    .innerJoin('users', 'users.id', 'passwordResets.userId')
    .select([
      'users.id as userId',
      'users.username',
      'passwordResets.usedAt',
      sql<boolean>`password_resets.expires_at <= now()`.as('expired'),
    ])
    .where('passwordResets.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (reset === undefined) {
    throw new ApiError('reset_link_invalid', 'This reset link is not valid; ask for a new one.');
  }
  assertUsable(reset);
  checkPasswordStrength(newPassword, reset.username);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    // The account row first, as an email or password change takes its locks
    // (user, then links): the same order everywhere, so they cannot deadlock.
    await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', reset.userId)
      .forUpdate()
      .executeTakeFirst();
    const spent = await trx
      .updateTable('passwordResets')
      .set({ usedAt: sql<Date>`now()` })
      .where('tokenHash', '=', tokenHash)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .returning('id')
      .executeTakeFirst();
    if (spent === undefined) {
      throw new ApiError(
        'reset_link_used',
        'This reset link has already been used; ask for a new one.',
      );
    }
    await endPasswordResetLinks(trx, reset.userId);
    await trx
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: sql<Date>`now()` })
      .where('id', '=', reset.userId)
      .execute();
    await trx.deleteFrom('sessions').where('userId', '=', reset.userId).execute();
    await clearAccountFailures(trx, reset.username);
  });
}

function assertUsable(reset: { usedAt: Date | null; expired: boolean }): void {
  if (reset.usedAt !== null) {
    throw new ApiError(
      'reset_link_used',
      'This reset link has already been used; ask for a new one.',
    );
  }
  if (reset.expired) {
    throw new ApiError('reset_link_expired', 'This reset link has expired; ask for a new one.');
  }
}
