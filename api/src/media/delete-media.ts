import type { Transaction } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { ApiError } from '../http/api-error.js';
import { enqueueModuleCall } from '../module-outbox/enqueue-module-call.js';
import { type MediaActor, mayDeleteMedia } from './media-policy.js';
import { releaseQuota } from './media-quota.js';
import type { MediaServiceDeps } from './media-service-deps.js';

/**
 * Deletes a media item: its row goes, its bytes are given back to the
 * owner's quota and remove_media is queued, in one transaction; the stored
 * files are removed once that has committed.
 */
export async function deleteMedia(
  deps: MediaServiceDeps,
  actor: MediaActor,
  mediaId: string,
): Promise<void> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('media')
      .select(['ownerUserId', 'storageKey', 'thumbnailKey'])
      .where('id', '=', mediaId)
      .forUpdate()
      .executeTakeFirst();
    // Someone else's media is "not found" to a member: ids are not confirmed to strangers.
    if (row === undefined || !mayDeleteMedia(actor, row)) {
      throw new ApiError('not_found', `There is no media ${mediaId} of yours.`);
    }
    return removeRows(trx, [mediaId]);
  });
  deps.onModuleCallQueued?.();
  await removeFiles(deps, keys);
}

/**
 * Deletes every media item of a user: rows, quota and queued remove_media in
 * one transaction, then the stored files. The account deletion does the same
 * inside its own transaction (media-personal-data.ts).
 */
export async function deleteUserMedia(deps: MediaServiceDeps, userId: string): Promise<number> {
  const removed = await deps.db.transaction().execute((trx) => removeUserMediaRows(trx, userId));
  if (removed.count === 0) return 0;
  deps.onModuleCallQueued?.();
  await removeFiles(deps, removed.keys);
  return removed.count;
}

export interface RemovedMediaRows {
  readonly count: number;
  /** Storage keys of the removed items' files, to delete once the transaction committed. */
  readonly keys: readonly string[];
}

/**
 * Within `trx`: removes the user's media rows, gives back their quota and
 * queues remove_media for each. The files stay until the caller removes them
 * after the commit (removeFiles), so a rollback leaves nothing half-deleted.
 */
export async function removeUserMediaRows(
  trx: Transaction<Database>,
  userId: string,
): Promise<RemovedMediaRows> {
  const rows = await trx
    .selectFrom('media')
    .select('id')
    .where('ownerUserId', '=', userId)
    .orderBy('createdAt')
    .forUpdate()
    .execute();
  if (rows.length === 0) return { count: 0, keys: [] };
  const keys = await removeRows(
    trx,
    rows.map((row) => row.id),
  );
  return { count: rows.length, keys };
}

async function removeRows(trx: Transaction<Database>, ids: readonly string[]): Promise<string[]> {
  const deleted = await trx
    .deleteFrom('media')
    .where('id', 'in', ids)
    .returning(['id', 'ownerUserId', 'storedBytes', 'storageKey', 'thumbnailKey'])
    .execute();
  for (const row of deleted) {
    await releaseQuota(trx, row.ownerUserId, row.storedBytes);
    await enqueueModuleCall(trx, 'remove_media', [row.id]);
  }
  return deleted.flatMap((row) =>
    row.thumbnailKey === null ? [row.storageKey] : [row.storageKey, row.thumbnailKey],
  );
}

/** Removes stored files; a failure is logged, not thrown (their rows are gone already). */
export async function removeFiles(deps: MediaServiceDeps, keys: readonly string[]): Promise<void> {
  // A file that cannot be removed now is wasted space an operator can clear,
  // not a reason to fail the deletion.
  const results = await Promise.allSettled(keys.map((key) => deps.storage.delete(key)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      deps.logger.warn(
        { err: result.reason, key: keys[index] },
        'could not remove a deleted media file',
      );
    }
  });
}
