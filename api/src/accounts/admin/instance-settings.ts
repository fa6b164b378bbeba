// Settings an admin changes while Kith runs (one row, created by the migration).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';

export interface InstanceSettings {
  /** Whether members (not only admins) may create invites. */
  readonly membersCanInvite: boolean;
}

export async function readInstanceSettings(db: Kysely<Database>): Promise<InstanceSettings> {
  return db.selectFrom('instanceSettings').select(['membersCanInvite']).executeTakeFirstOrThrow();
}

export async function updateInstanceSettings(
  db: Kysely<Database>,
  change: Partial<InstanceSettings>,
): Promise<InstanceSettings> {
  return db
    .updateTable('instanceSettings')
    .set({ ...change, updatedAt: sql<Date>`now()` })
    .returning(['membersCanInvite'])
    .executeTakeFirstOrThrow();
}
