// Media in the account export (every item with the URLs it is served at, and
// the quota used) and in the account deletion (rows, quota and queued
// remove_media inside the deletion's transaction; the stored files once it
// has committed, with the outbox drainer woken for the queued calls).
import type { PersonalDataSource } from '../accounts/account/personal-data.js';
import { removeFiles, removeUserMediaRows } from './delete-media.js';
import { mediaItemOf } from './media-item.js';
import { usedBytes } from './media-quota.js';
import type { MediaServiceDeps } from './media-service-deps.js';

export function mediaPersonalData(deps: MediaServiceDeps): PersonalDataSource {
  return {
    name: 'media',
    async collect(db, userId) {
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('ownerUserId', '=', userId)
        .orderBy('createdAt')
        .execute();
      return {
        usedBytes: await usedBytes(db, userId),
        quotaBytes: deps.limits.quotaBytes,
        items: rows.map((row) => {
          const item = mediaItemOf(row, deps.storage);
          return { ...item, createdAt: item.createdAt.toISOString() };
        }),
      };
    },
    async erase(trx, userId) {
      const removed = await removeUserMediaRows(trx, userId);
      if (removed.count === 0) return undefined;
      return async () => {
        deps.onModuleCallQueued?.();
        await removeFiles(deps, removed.keys);
      };
    },
  };
}
