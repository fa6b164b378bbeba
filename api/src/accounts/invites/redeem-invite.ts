// Uses one of an invite's uses, inside the sign-up transaction. The
// conditional UPDATE takes the row lock, so two sign-ups racing for the last
// use cannot both get it; if the sign-up then fails, the rollback returns it.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { ApiError } from '../../http/api-error.js';
import type { Role } from '../../http/app-env.js';
import { parseRole } from '../roles.js';
import { hashSecretToken } from '../secret-tokens.js';
import { inviteExpired, inviteInvalid, inviteRevoked, inviteUsedUp } from './invite-errors.js';

export interface RedeemedInvite {
  readonly id: string;
  readonly role: Role;
}

export async function redeemInvite(
  trx: Transaction<Database>,
  code: string,
): Promise<RedeemedInvite> {
  const codeHash = hashSecretToken(code);
  const redeemed = await trx
    .updateTable('invites')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('codeHash', '=', codeHash)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .whereRef('uses', '<', 'maxUses')
    .returning(['id', 'role'])
    .executeTakeFirst();
  if (redeemed !== undefined) return { id: redeemed.id, role: parseRole(redeemed.role) };
  throw await whyNotRedeemable(trx, codeHash);
}

async function whyNotRedeemable(trx: Transaction<Database>, codeHash: string): Promise<ApiError> {
  const invite = await trx
    .selectFrom('invites')
    .select(['revokedAt', sql<boolean>`expires_at <= now()`.as('expired')])
    .where('codeHash', '=', codeHash)
    .executeTakeFirst();
  if (invite === undefined) return inviteInvalid();
  if (invite.revokedAt !== null) return inviteRevoked();
  if (invite.expired) return inviteExpired();
  return inviteUsedUp();
}
