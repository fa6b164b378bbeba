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

/** Stored objects are never overwritten (keys are random), so caches may keep them forever. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
