// Other features that hold data about a person (media, for instance) add a
// section to the account export by passing a source to createApp.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';

export interface PersonalDataSource {
  /** The key of this section in the export, e.g. "media". */
  readonly name: string;
  collect(db: Kysely<Database>, userId: string): Promise<unknown>;
}
