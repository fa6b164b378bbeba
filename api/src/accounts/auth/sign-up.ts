// Creates an account from an invite and signs the person in. The invite use,
// the account and the session commit together or not at all; the unique
// username and email indexes decide races between identical sign-ups. An
// invite made by an account that is banned now is refused as withdrawn.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { SessionKind } from '../../http/app-env.js';
import type { BanCheck } from '../../module-client/ban-check.js';
import type { UserRow } from '../account-schemas.js';
import { duplicateAccountError } from '../duplicate-account-error.js';
import { redeemInvite } from '../invites/redeem-invite.js';
import { refuseInviteOfBannedMaker } from '../invites/refuse-invite-of-banned-maker.js';
import { hashPassword } from '../passwords/password-hasher.js';
import { checkPasswordStrength } from '../passwords/password-rules.js';
import { createSession, type NewSession } from '../sessions/create-session.js';
import { checkUsernameAllowed } from '../usernames.js';

export interface SignUpRequest {
  readonly inviteCode: string;
  /** Already lower-cased and checked against the username pattern. */
  readonly username: string;
  readonly password: string;
  readonly displayName: string | undefined;
  readonly email: string | undefined;
  readonly sessionKind: SessionKind;
  readonly sessionTtlHours: number;
  readonly userAgent: string | undefined;
  readonly ip: string;
}

export interface SignedIn {
  readonly user: UserRow;
  readonly session: NewSession;
}

export async function signUp(
  db: Kysely<Database>,
  banCheck: BanCheck,
  request: SignUpRequest,
): Promise<SignedIn> {
  checkUsernameAllowed(request.username);
  checkPasswordStrength(request.password, request.username);
  // Outside the transaction: the module may take up to its timeout to answer.
  await refuseInviteOfBannedMaker(db, banCheck, request.inviteCode);
  // Hash before the transaction: argon2 takes tens of milliseconds and the
  // transaction holds the invite's row lock.
  const passwordHash = await hashPassword(request.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const invite = await redeemInvite(trx, request.inviteCode);
      const user = await trx
        .insertInto('users')
        .values({
          username: request.username,
          displayName: request.displayName ?? request.username,
          email: request.email ?? null,
          role: invite.role,
          passwordHash,
          inviteId: invite.id,
        })
        .returning(['id', 'username', 'displayName', 'email', 'role', 'createdAt'])
        .executeTakeFirstOrThrow();
      const session = await createSession(trx, {
        userId: user.id,
        kind: request.sessionKind,
        ttlHours: request.sessionTtlHours,
        userAgent: request.userAgent,
        ip: request.ip,
      });
      return { user, session };
    });
  } catch (error) {
    throw duplicateAccountError(error) ?? error;
  }
}
