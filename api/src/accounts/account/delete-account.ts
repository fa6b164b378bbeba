// Deletes an account and everything the API keeps for it (sessions, invites
// it made, reset links: the foreign keys cascade; other features' data through
// their PersonalDataSource.erase), and queues delete_user so
// the module removes the person's social data too. Both happen in one
// transaction: the module is told if and only if the account is gone.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { enqueueModuleCall } from '../../module-outbox/enqueue-module-call.js';
import type { PersonalDataSource } from './personal-data.js';

export async function deleteAccount(
  db: Kysely<Database>,
  userId: string,
  sources: readonly PersonalDataSource[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const source of sources) await source.erase?.(trx, userId);
    const deleted = await trx
      .deleteFrom('users')
      .where('id', '=', userId)
      .returning('id')
      .executeTakeFirst();
    if (deleted !== undefined) await enqueueModuleCall(trx, 'delete_user', [userId]);
  });
}
