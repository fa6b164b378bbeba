// Deletes an account and everything the API keeps for it (sessions, invites
// it made, reset links: the foreign keys cascade; other features' data through
// their PersonalDataSource.erase), and queues delete_user so
// the module removes the person's social data too. Both happen in one
// transaction: the module is told if and only if the account is gone. What
// cannot be undone (stored files) happens once that transaction committed.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { enqueueModuleCall } from '../../module-outbox/enqueue-module-call.js';
import type { AfterDeletion, PersonalDataSource } from './personal-data.js';

/** Returns whether the account existed (and is now gone). */
export async function deleteAccount(
  db: Kysely<Database>,
  userId: string,
  sources: readonly PersonalDataSource[],
): Promise<boolean> {
  const afterCommit: AfterDeletion[] = [];
  const deleted = await db.transaction().execute(async (trx) => {
    // Locked first: a racing upload's insert (whose foreign key needs this
    // row) waits, then fails once the row is gone, instead of adding media
    // that the sources below would not see.
    const locked = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (locked === undefined) return false;
    for (const source of sources) {
      const after = await source.erase?.(trx, userId);
      if (after !== undefined) afterCommit.push(after);
    }
    await trx.deleteFrom('users').where('id', '=', userId).execute();
    await enqueueModuleCall(trx, 'delete_user', [userId]);
    return true;
  });
  for (const after of afterCommit) await after();
  return deleted;
}
