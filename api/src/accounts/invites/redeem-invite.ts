// Uses one of an invite's uses, inside the sign-up transaction. The
// conditional UPDATE takes the row lock, so two sign-ups racing for the last
// use cannot both get it; if the sign-up then fails, the rollback returns it.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import type { Role } from '../../http/app-env.js';
import { parseRole } from '../roles.js';
import { hashSecretToken } from '../secret-tokens.js';

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
  if (invite === undefined) {
    return new ApiError(
      'invite_invalid',
      'This invite code is not valid; check the link you were sent.',
    );
  }
  if (invite.revokedAt !== null) {
    return new ApiError('invite_revoked', 'This invite was withdrawn; ask for a new one.');
  }
  if (invite.expired) {
    return new ApiError('invite_expired', 'This invite has expired; ask for a new one.');
  }
  return new ApiError(
    'invite_used_up',
    'This invite has been used as many times as it allows; ask for a new one.',
  );
}
