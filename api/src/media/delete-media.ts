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
 * Deletes every media item of a user: call it before the account itself is
 * deleted (the rows would cascade away, but the stored files would stay
 * reachable by their URLs).
 */
export async function deleteUserMedia(deps: MediaServiceDeps, userId: string): Promise<number> {
  const rows = await deps.db
    .selectFrom('media')
    .select('id')
    .where('ownerUserId', '=', userId)
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return 0;
  const keys = await deps.db.transaction().execute((trx) => removeRows(trx, ids));
  deps.onModuleCallQueued?.();
  await removeFiles(deps, keys);
  return ids.length;
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

async function removeFiles(deps: MediaServiceDeps, keys: readonly string[]): Promise<void> {
  // The rows are gone already; a file that cannot be removed now is wasted
  // space an operator can clear, not a reason to fail the deletion.
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
