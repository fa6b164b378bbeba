// Creates an invite code with an expiry and a number of uses.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import { readInstanceSettings } from '../admin/instance-settings.js';
import { newInviteCode } from './invite-links.js';
import { type InviteActor, mayCreateInvite } from './invite-policy.js';

export interface InviteRequest {
  readonly maxUses: number;
  readonly expiresInHours: number;
}

export interface CreatedInvite {
  readonly id: string;
  readonly code: string;
  readonly maxUses: number;
  readonly uses: number;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

export async function createInvite(
  db: Kysely<Database>,
  actor: InviteActor,
  request: InviteRequest,
): Promise<CreatedInvite> {
  const settings = await readInstanceSettings(db);
  if (!mayCreateInvite(actor, settings.membersCanInvite)) {
    throw new ApiError(
      'forbidden',
      'Only an admin can create invites here; ask an admin to invite your friend.',
    );
  }
  const { code, codeHash } = newInviteCode();
  const row = await db
    .insertInto('invites')
    .values({
      codeHash,
      createdBy: actor.userId,
      role: 'member',
      maxUses: request.maxUses,
      expiresAt: new Date(Date.now() + request.expiresInHours * 3_600_000),
    })
    .returning(['id', 'maxUses', 'uses', 'expiresAt', 'createdAt'])
    .executeTakeFirstOrThrow();
  return { ...row, code };
}
