// An invite made by someone who is banned now is withdrawn: otherwise the
// banned person could sign up again under a new name with an invite made
// before the ban. The ban sweep withdraws such invites within its interval;
// asking here at sign-up closes that window. The newcomer is told the invite
// was withdrawn, as for any withdrawn invite, and learns nothing of the ban.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { BanCheck } from '../../module-client/ban-check.js';
import { hashSecretToken } from '../secret-tokens.js';
import { inviteRevoked } from './invite-errors.js';

/**
 * Throws invite_revoked (and withdraws the invite for good) when the invite
 * with this code, still usable, was made by a banned account. Any other code
 * passes: an unknown, expired or used-up one gets its own error from
 * redeemInvite.
 */
export async function refuseInviteOfBannedMaker(
  db: Kysely<Database>,
  banCheck: BanCheck,
  code: string,
): Promise<void> {
  const invite = await db
    .selectFrom('invites')
    .select(['id', 'createdBy'])
    .where('codeHash', '=', hashSecretToken(code))
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .whereRef('uses', '<', 'maxUses')
    .executeTakeFirst();
  // The first admin's invite has no maker.
  if (invite?.createdBy === undefined || invite.createdBy === null) return;
  if ((await banCheck.banOf(invite.createdBy)) === undefined) return;
  await db
    .updateTable('invites')
    .set({ revokedAt: sql<Date>`coalesce(revoked_at, now())` })
    .where('id', '=', invite.id)
    .execute();
  throw inviteRevoked();
}
