// Ends every reset link of an account that is still open, by marking it
// spent: a link sent before the password or the email address changed must
// not outlive the change (whoever read that mail could otherwise still take
// the account over). A link ended this way is refused as already used.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';

export async function endPasswordResetLinks(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('passwordResets')
    .set({ usedAt: sql<Date>`now()` })
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .execute();
}
