// Deletes rows that no longer mean anything: ended sessions, spent or
// expired reset links, finished rate-limit windows and forgotten login
// failures. Run periodically by startApi; safe on any number of instances.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database-schema.js';

const DAY = sql`interval '1 day'`;

export async function pruneExpiredRows(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', sql<Date>`now()`).execute();
  await db
    .deleteFrom('passwordResets')
    .where((eb) =>
      eb.or([
        eb('expiresAt', '<=', sql<Date>`now() - ${DAY}`),
        eb('usedAt', '<=', sql<Date>`now() - ${DAY}`),
      ]),
    )
    .execute();
  await db
    .deleteFrom('rateLimits')
    .where('windowStartedAt', '<=', sql<Date>`now() - ${DAY}`)
    .execute();
  await db
    .deleteFrom('loginThrottles')
    .where('lastFailureAt', '<=', sql<Date>`now() - ${DAY}`)
    .where((eb) =>
      eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', sql<Date>`now()`)]),
    )
    .execute();
}
