// Checks a username and password, with brute-force protection, and starts a
// session unless the account is banned. Unknown usernames cost the same time
// and count the same failures as wrong passwords, so neither reveals which
// accounts exist; only the right password learns of a ban.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import type { SessionKind } from '../../http/app-env.js';
import type { BanCheck } from '../../module-client/ban-check.js';
import {
  hashPassword,
  needsRehash,
  verifyAgainstDecoy,
  verifyPassword,
} from '../passwords/password-hasher.js';
import { createSession } from '../sessions/create-session.js';
import {
  assertNotLocked,
  clearAccountFailures,
  recordFailure,
} from '../throttling/login-throttle.js';
import { refuseBannedAccount } from './refuse-banned-account.js';
import type { SignedIn } from './sign-up.js';

export interface LogInRequest {
  /** Lower-cased; may name no account. */
  readonly username: string;
  readonly password: string;
  readonly sessionKind: SessionKind;
  readonly sessionTtlHours: number;
  readonly userAgent: string | undefined;
  readonly ip: string;
}

export async function logIn(
  db: Kysely<Database>,
  banCheck: BanCheck,
  request: LogInRequest,
): Promise<SignedIn> {
  const keys = { account: request.username, ip: request.ip };
  await assertNotLocked(db, keys);
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'email', 'role', 'createdAt', 'passwordHash'])
    .where('username', '=', request.username)
    .executeTakeFirst();
  const valid =
    user === undefined
      ? await verifyAgainstDecoy(request.password).then(() => false)
      : await verifyPassword(user.passwordHash, request.password);
  if (user === undefined || !valid) {
    await recordFailure(db, keys);
    throw new ApiError('invalid_credentials', 'Wrong username or password.');
  }
  await clearAccountFailures(db, keys.account);
  await refuseBannedAccount(db, banCheck, user.id);
  if (needsRehash(user.passwordHash)) {
    await db
      .updateTable('users')
      .set({ passwordHash: await hashPassword(request.password) })
      .where('id', '=', user.id)
      .execute();
  }
  const session = await createSession(db, {
    userId: user.id,
    kind: request.sessionKind,
    ttlHours: request.sessionTtlHours,
    userAgent: request.userAgent,
    ip: request.ip,
  });
  const { passwordHash: _hash, ...profile } = user;
  return { user: profile, session };
}
