// Ends what banned people still hold in the API. The login and the ID token
// route refuse a banned account, but a session made before the ban works on
// every other route until it expires (30 days), and invites made before the
// ban would let its owner back in under a new name. One sweep asks the module
// for every ban and ends both.
//
// Idempotent (deletes, and a revocation that skips revoked invites), so any
// number of API instances may run it at once: no lock is needed.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { Logger } from '../../logging/logger.js';
import type { BanList } from '../../module-client/ban-check.js';
import { ModuleQueryError } from '../../module-client/module-sql.js';

export type BanSweepReport =
  | {
      readonly kind: 'swept';
      /** Bans in force in the module. */
      readonly bans: number;
      readonly sessionsEnded: number;
      readonly invitesRevoked: number;
    }
  /** The module did not answer; nothing changed. */
  | { readonly kind: 'module_unreachable' };

/** The API's user ids are UUIDs; anything else cannot match (and PostgreSQL would refuse it as a uuid). */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids per statement, well under PostgreSQL's limit of parameters. */
const CHUNK = 500;

export async function sweepBannedAccounts(deps: {
  readonly db: Kysely<Database>;
  readonly bans: BanList;
  readonly logger: Logger;
}): Promise<BanSweepReport> {
  const { db, logger } = deps;
  let bans: ReadonlyMap<string, unknown>;
  try {
    bans = await deps.bans.allBans();
  } catch (error) {
    if (!(error instanceof ModuleQueryError)) throw error;
    logger.warn({ err: error }, 'ban sweep: could not ask the module for bans; trying next round');
    return { kind: 'module_unreachable' };
  }
  const userIds = [...bans.keys()].filter((id) => USER_ID.test(id));
  let sessionsEnded = 0;
  let invitesRevoked = 0;
  for (let start = 0; start < userIds.length; start += CHUNK) {
    const chunk = userIds.slice(start, start + CHUNK);
    const ended = await db
      .deleteFrom('sessions')
      .where('userId', 'in', chunk)
      .returning('userId')
      .execute();
    // Only invites someone could still sign up with: used-up and expired
    // ones keep showing what became of them.
    const revoked = await db
      .updateTable('invites')
      .set({ revokedAt: sql<Date>`now()` })
      .where('createdBy', 'in', chunk)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .whereRef('uses', '<', 'maxUses')
      .returning('createdBy')
      .execute();
    sessionsEnded += ended.length;
    invitesRevoked += revoked.length;
    const endedOf = ended.map((row) => row.userId);
    const revokedOf = revoked.flatMap((row) => row.createdBy ?? []);
    for (const userId of new Set([...endedOf, ...revokedOf])) {
      logger.info(
        {
          userId,
          sessionsEnded: endedOf.filter((id) => id === userId).length,
          invitesRevoked: revokedOf.filter((id) => id === userId).length,
        },
        'ban sweep: ended the sessions and withdrew the invites of a banned account',
      );
    }
  }
  return { kind: 'swept', bans: bans.size, sessionsEnded, invitesRevoked };
}
