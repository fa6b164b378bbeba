import type { MediaTable } from '../db/database-schema.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { MediaKind } from './media-format.js';

/** A stored media item as the client sees it, and as the module registers it. */
export interface MediaItem {
  readonly id: string;
  readonly kind: MediaKind;
  readonly contentType: string;
  readonly byteSize: number;
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
  /** BlurHash for images; empty for audio. */
  readonly placeholder: string;
  readonly url: string;
  /** Empty for audio. */
  readonly thumbnailUrl: string;
  readonly createdAt: Date;
}

type MediaRow = Omit<MediaTable, 'createdAt'> & { createdAt: Date };

export function mediaItemOf(row: MediaRow, storage: MediaStorage): MediaItem {
  return {
    id: row.id,
    kind: row.kind as MediaKind,
    contentType: row.contentType,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    placeholder: row.placeholder,
    url: storage.publicUrl(row.storageKey),
    thumbnailUrl: row.thumbnailKey === null ? '' : storage.publicUrl(row.thumbnailKey),
    createdAt: row.createdAt,
  };
}
