// Other features that hold data about a person (media, for instance) join
// the account export and the account deletion by passing a source to
// createApp.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';

/**
 * Work a source leaves for after the deletion has committed: what cannot be
 * rolled back (removing stored files) must not happen for a deletion that
 * then fails. It should log its own failures rather than throw: the account
 * is gone by then.
 */
export type AfterDeletion = () => Promise<void>;

export interface PersonalDataSource {
  /** The key of this section in the export, e.g. "media". */
  readonly name: string;
  collect(db: Kysely<Database>, userId: string): Promise<unknown>;
  /**
   * Runs inside the deletion's transaction, before the account row goes (and
   * with it every row whose foreign key cascades), with the account row
   * locked. Removes the rows a cascade would not handle correctly (quota,
   * queued module calls) and returns what must wait for the commit.
   */
  erase?(trx: Transaction<Database>, userId: string): Promise<AfterDeletion | undefined>;
}
