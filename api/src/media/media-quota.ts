import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Bytes the user has stored now. */
export async function usedBytes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mediaUsage')
    .select('usedBytes')
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.usedBytes ?? 0;
}

/**
 * Adds `bytes` to the user's usage if the total stays within `quotaBytes`, in
 * one statement: concurrent uploads each see the others' committed bytes (the
 * row is locked by the update), so together they can never pass the quota.
 * Returns false, changing nothing, when the upload does not fit.
 */
export async function reserveQuota(
  trx: Transaction<Database>,
  userId: string,
  bytes: number,
  quotaBytes: number,
): Promise<boolean> {
  if (bytes > quotaBytes) return false;
  const result = await sql<{ usedBytes: number }>`
    INSERT INTO media_usage (user_id, used_bytes) VALUES (${userId}, ${bytes})
    ON CONFLICT (user_id) DO UPDATE
      SET used_bytes = media_usage.used_bytes + excluded.used_bytes
      WHERE media_usage.used_bytes + excluded.used_bytes <= ${quotaBytes}
    RETURNING used_bytes
  `.execute(trx);
  return result.rows.length === 1;
}

/** Gives back the bytes of deleted media. */
export async function releaseQuota(
  trx: Transaction<Database>,
  userId: string,
  bytes: number,
): Promise<void> {
  await trx
    .updateTable('mediaUsage')
    .set({ usedBytes: sql<number>`greatest(used_bytes - ${bytes}, 0)` })
    .where('userId', '=', userId)
    .execute();
}
