// A fresh install has no accounts and so no one to invite anyone. While that
// is so, each start replaces any earlier first-admin invite with a new
// one-use code whose link is printed: the first person to sign up with it
// becomes the admin. Once an account exists, nothing is created.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { inviteUrl, newInviteCode } from './invite-links.js';

/** Validity of the first-admin invite; a restart makes a new one. */
const ADMIN_INVITE_HOURS = 7 * 24;

/** Serialises instances that start at the same time (any fixed number would do). */
const ADMIN_INVITE_LOCK = 0x6b697468;

/** The sign-up link that makes the first admin, or undefined when accounts exist. */
export async function ensureAdminInvite(
  db: Kysely<Database>,
  publicUrl: string,
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ADMIN_INVITE_LOCK})`.execute(trx);
    const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyone !== undefined) return undefined;
    await trx
      .deleteFrom('invites')
      .where('role', '=', 'admin')
      .where('createdBy', 'is', null)
      .execute();
    const { code, codeHash } = newInviteCode();
    await trx
      .insertInto('invites')
      .values({
        codeHash,
        createdBy: null,
        role: 'admin',
        maxUses: 1,
        expiresAt: new Date(Date.now() + ADMIN_INVITE_HOURS * 3_600_000),
      })
      .execute();
    return inviteUrl(publicUrl, code);
  });
}
