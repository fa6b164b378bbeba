// Re-checks a signed-in person's password before a sensitive change
// (password change, account deletion), under the same brute-force limits as
// logging in: a stolen session must not become a password-guessing oracle.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import { assertNotLocked, recordFailure } from '../throttling/login-throttle.js';
import { verifyPassword } from './password-hasher.js';

export async function confirmPassword(
  db: Kysely<Database>,
  who: { userId: string; username: string; ip: string },
  password: string,
): Promise<void> {
  const keys = { account: who.username, ip: who.ip };
  await assertNotLocked(db, keys);
  const user = await db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', who.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(db, keys);
    throw new ApiError('wrong_password', 'Your current password is not right.');
  }
}
