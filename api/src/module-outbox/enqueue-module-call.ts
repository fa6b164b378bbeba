// Records a call the API owes the module, inside the caller's transaction, so
// the call is made if and only if the change that needs it commits.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { ModuleReducer, ModuleReducerArgs } from './module-reducers.js';

export async function enqueueModuleCall<R extends ModuleReducer>(
  trx: Transaction<Database> | Kysely<Database>,
  reducer: R,
  args: ModuleReducerArgs[R],
): Promise<void> {
  await trx
    .insertInto('moduleOutbox')
    .values({ reducer, args: JSON.stringify(args) })
    .execute();
}
