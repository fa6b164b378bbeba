// Other features that hold data about a person (media, for instance) join
// the account export and the account deletion by passing a source to
// createApp.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';

export interface PersonalDataSource {
  /** The key of this section in the export, e.g. "media". */
  readonly name: string;
  collect(db: Kysely<Database>, userId: string): Promise<unknown>;
  /**
   * Runs inside the deletion's transaction, before the account row goes (and
   * with it every row whose foreign key cascades). For what a cascade cannot
   * reach: queue the removal of stored files, for instance.
   */
  erase?(trx: Transaction<Database>, userId: string): Promise<void>;
}
