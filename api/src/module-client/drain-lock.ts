import { type Kysely, sql } from 'kysely';

/**
 * Lets one drainer at a time deliver the outbox, so calls reach the module in
 * the order they were queued even with several API instances.
 */
export interface DrainLock {
  /** Runs `drain` holding the lock, or returns false at once when another instance holds it. */
  withLock(drain: () => Promise<void>): Promise<boolean>;
}

/** Any fixed number; names the lock among the database's advisory locks. */
const OUTBOX_LOCK_KEY = 0x6b697468_01; // "kith" + 1

/**
 * PostgreSQL: a session advisory lock on a connection of its own, held while
 * one batch is delivered, released if the instance dies with its connection.
 */
export function advisoryDrainLock<DB>(db: Kysely<DB>): DrainLock {
  return {
    withLock: (drain) =>
      db.connection().execute(async (connection) => {
        const { rows } = await sql<{
          locked: boolean;
        }>`SELECT pg_try_advisory_lock(${OUTBOX_LOCK_KEY}) AS locked`.execute(connection);
        if (rows[0]?.locked !== true) return false;
        try {
          await drain();
        } finally {
          await sql`SELECT pg_advisory_unlock(${OUTBOX_LOCK_KEY})`.execute(connection);
        }
        return true;
      }),
  };
}

/**
 * PGlite lives in one process, so a flag is enough (and holding its only
 * connection during HTTP calls would stall every request).
 */
export function inProcessDrainLock(): DrainLock {
  let held = false;
  return {
    async withLock(drain) {
      if (held) return false;
      held = true;
      try {
        await drain();
      } finally {
        held = false;
      }
      return true;
    },
  };
}
