// Everything the API holds about a person, as JSON. Secrets are left out:
// password and token hashes are credentials, not information about them.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { userJson } from '../account-schemas.js';
import type { PersonalDataSource } from './personal-data.js';

export async function exportAccount(
  db: Kysely<Database>,
  userId: string,
  sources: readonly PersonalDataSource[],
): Promise<Record<string, unknown>> {
  const user = await db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'displayName',
      'email',
      'role',
      'createdAt',
      'passwordChangedAt',
      'inviteId',
    ])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const signedUpWith =
    user.inviteId === null
      ? null
      : await db
          .selectFrom('invites')
          .leftJoin('users as inviter', 'inviter.id', 'invites.createdBy')
          .select(['invites.id', 'inviter.username as invitedBy', 'invites.createdAt'])
          .where('invites.id', '=', user.inviteId)
          .executeTakeFirst();
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'kind', 'userAgent', 'ip', 'createdAt', 'lastUsedAt', 'expiresAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();
  const invitesCreated = await db
    .selectFrom('invites')
    .select(['id', 'maxUses', 'uses', 'expiresAt', 'revokedAt', 'createdAt'])
    .where('createdBy', '=', userId)
    .orderBy('createdAt')
    .execute();
  const passwordResets = await db
    .selectFrom('passwordResets')
    .select(['id', 'requestedIp', 'createdAt', 'expiresAt', 'usedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();
  const loginThrottle = await db
    .selectFrom('loginThrottles')
    .select(['failures', 'lastFailureAt', 'lockedUntil'])
    .where('scope', '=', 'account')
    .where('key', '=', user.username)
    .executeTakeFirst();
  const extra: Record<string, unknown> = {};
  for (const source of sources) extra[source.name] = await source.collect(db, userId);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...userJson(user), passwordChangedAt: user.passwordChangedAt.toISOString() },
    signedUpWith: signedUpWith ?? null,
    sessions,
    invitesCreated,
    passwordResets,
    failedLogins: loginThrottle ?? null,
    ...extra,
  };
}
