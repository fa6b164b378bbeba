import { randomUUID } from 'node:crypto';
import type { MediaTable } from '../db/database-schema.js';
import { ApiError } from '../http/api-error.js';
import { enqueueModuleCall } from '../module-outbox/enqueue-module-call.js';
import { mediaKey } from '../storage/media-key.js';
import { type MediaFormat, sniffMediaFormat } from './media-format.js';
import { type MediaItem, mediaItemOf } from './media-item.js';
import { reserveQuota, usedBytes } from './media-quota.js';
import { MediaRejectedError } from './media-rejected-error.js';
import { MEDIA_CACHE_CONTROL, type MediaServiceDeps } from './media-service-deps.js';
import { processAudio } from './process-audio.js';
import { processImage } from './process-image.js';
import type { Semaphore } from './semaphore.js';

export interface UploadedMedia extends MediaItem {
  /** The clip was longer than the limit and was cut to it. */
  readonly trimmed: boolean;
}

interface FileToStore {
  readonly key: string;
  readonly bytes: Buffer;
  readonly contentType: string;
}

interface Prepared {
  readonly row: Omit<MediaTable, 'createdAt'>;
  readonly files: readonly FileToStore[];
  readonly trimmed: boolean;
}

/**
 * Checks, processes and stores one upload for `ownerUserId`, then records it
 * and queues its registration with the module in one transaction: the module
 * learns of every stored item, even if it is down right now. The decoding
 * and re-encoding wait for a slot of `processing`, so only so many uploads
 * take the CPU (and the thread pool) at once.
 */
export async function uploadMedia(
  deps: MediaServiceDeps,
  processing: Semaphore,
  ownerUserId: string,
  bytes: Buffer,
  /** The request's signal: an upload its sender gave up on while it waited is not processed or stored. */
  abandoned?: AbortSignal,
): Promise<UploadedMedia> {
  const format = await sniffMediaFormat(bytes);
  checkFileSize(deps, format, bytes.length);
  const prepared = await processing.run(() => {
    refuseIfAbandoned(abandoned);
    return prepare(deps, ownerUserId, format, bytes);
  });
  // Nobody would learn the new item's id to delete it: it would only take quota.
  refuseIfAbandoned(abandoned);
  const { row, files } = prepared;
  // A cheap check before storing anything; the reservation below is the one that counts.
  if ((await usedBytes(deps.db, ownerUserId)) + row.storedBytes > deps.limits.quotaBytes) {
    throw await quotaExceeded(deps.db, deps.limits.quotaBytes, ownerUserId, row.storedBytes);
  }
  await storeAll(deps, files);
  let created: Date;
  try {
    created = await deps.db.transaction().execute(async (trx) => {
      if (!(await reserveQuota(trx, ownerUserId, row.storedBytes, deps.limits.quotaBytes))) {
        throw await quotaExceeded(trx, deps.limits.quotaBytes, ownerUserId, row.storedBytes);
      }
      const inserted = await trx
        .insertInto('media')
        .values(row)
        .returning('createdAt')
        .executeTakeFirstOrThrow();
      const item = mediaItemOf({ ...row, createdAt: inserted.createdAt }, deps.storage);
      await enqueueModuleCall(trx, 'register_media', [
        item.id,
        ownerUserId,
        item.kind,
        item.contentType,
        item.byteSize,
        item.width,
        item.height,
        item.durationMs,
        item.placeholder,
        item.url,
        item.thumbnailUrl,
      ]);
      return inserted.createdAt;
    });
  } catch (error) {
    await removeStored(deps, files);
    throw error;
  }
  deps.onModuleCallQueued?.();
  return {
    ...mediaItemOf({ ...row, createdAt: created }, deps.storage),
    trimmed: prepared.trimmed,
  };
}

function checkFileSize(deps: MediaServiceDeps, format: MediaFormat, size: number): void {
  const max = format.kind === 'image' ? deps.limits.imageMaxBytes : deps.limits.audioMaxBytes;
  if (size > max) {
    throw new MediaRejectedError(
      'file_too_large',
      `The ${format.kind} is ${size} bytes; at most ${max} are accepted`,
      { size, maxBytes: max },
    );
  }
}

async function prepare(
  deps: MediaServiceDeps,
  ownerUserId: string,
  format: MediaFormat,
  bytes: Buffer,
): Promise<Prepared> {
  const id = randomUUID();
  if (format.kind === 'image') {
    const { image, thumbnail, placeholder } = await processImage(bytes, format, deps.limits.image);
    const storageKey = mediaKey(id, 'image', image.extension);
    const thumbnailKey = mediaKey(id, 'thumbnail', thumbnail.extension);
    return {
      row: {
        id,
        ownerUserId,
        kind: 'image',
        contentType: image.contentType,
        byteSize: image.bytes.length,
        storedBytes: image.bytes.length + thumbnail.bytes.length,
        width: image.width,
        height: image.height,
        durationMs: 0,
        placeholder,
        storageKey,
        thumbnailKey,
      },
      files: [
        { key: storageKey, bytes: image.bytes, contentType: image.contentType },
        { key: thumbnailKey, bytes: thumbnail.bytes, contentType: thumbnail.contentType },
      ],
      trimmed: false,
    };
  }
  const audio = await processAudio(bytes, format, deps.limits.audio);
  const storageKey = mediaKey(id, 'audio', audio.extension);
  return {
    row: {
      id,
      ownerUserId,
      kind: 'audio',
      contentType: audio.contentType,
      byteSize: audio.bytes.length,
      storedBytes: audio.bytes.length,
      width: 0,
      height: 0,
      durationMs: audio.durationMs,
      placeholder: '',
      storageKey,
      thumbnailKey: null,
    },
    files: [{ key: storageKey, bytes: audio.bytes, contentType: audio.contentType }],
    trimmed: audio.trimmed,
  };
}

/** Stores every file, or none: a failure removes the ones already written. */
async function storeAll(deps: MediaServiceDeps, files: readonly FileToStore[]): Promise<void> {
  const results = await Promise.allSettled(
    files.map((file) =>
      deps.storage.put(file.key, file.bytes, {
        contentType: file.contentType,
        cacheControl: MEDIA_CACHE_CONTROL,
      }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await removeStored(deps, files);
    throw failure.reason;
  }
}

/** Undoes storeAll after a later step failed; what cannot be removed is logged. */
async function removeStored(deps: MediaServiceDeps, files: readonly FileToStore[]): Promise<void> {
  const results = await Promise.allSettled(files.map((file) => deps.storage.delete(file.key)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      deps.logger.warn(
        { err: result.reason, key: files[index]?.key },
        'could not remove an unrecorded media file',
      );
    }
  });
}

/** Reads the usage through `db`, which inside a transaction must be that transaction. */
async function quotaExceeded(
  db: Parameters<typeof usedBytes>[0],
  quotaBytes: number,
  userId: string,
  bytes: number,
): Promise<MediaRejectedError> {
  const used = await usedBytes(db, userId);
  return new MediaRejectedError(
    'quota_exceeded',
    `This upload needs ${bytes} bytes; ${Math.max(0, quotaBytes - used)} of your ${quotaBytes} are left. Delete some media first.`,
    { neededBytes: bytes, usedBytes: used, quotaBytes },
  );
}

function refuseIfAbandoned(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new ApiError('invalid_request', 'The upload was cancelled before it was stored.');
  }
}
