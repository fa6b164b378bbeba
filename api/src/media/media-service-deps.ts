import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { Logger } from '../logging/logger.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { MediaLimits } from './media-limits.js';

/** What the media services work with. */
export interface MediaServiceDeps {
  readonly db: Kysely<Database>;
  readonly storage: MediaStorage;
  readonly limits: MediaLimits;
  readonly logger: Logger;
  /** Told when a module call was queued, so the outbox drainer delivers it now. */
  readonly onModuleCallQueued?: () => void;
}

/**
 * How every stored file is served, locally and from S3. Keys are random and
 * never reused, so the viewer's browser may keep a file for good
 * (`immutable`). `private` keeps it out of shared caches (a CDN in front of
 * the bucket, a proxy): one would go on serving a photo, friends-only ones
 * included, to anyone with its URL after the owner deleted it.
 */
export const MEDIA_CACHE_CONTROL = 'private, max-age=31536000, immutable';
