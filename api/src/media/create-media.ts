import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { AppEnv } from '../http/app-env.js';
import type { Logger } from '../logging/logger.js';
import { LocalMediaStorage } from '../storage/local-media-storage.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { S3MediaStorage } from '../storage/s3-media-storage.js';
import { createMediaRoutes } from './media-routes.js';
import type { MediaServiceDeps } from './media-service-deps.js';
import type { MediaConfig } from './media-settings.js';
import { createLocalMediaRoutes } from './serve-local-media-routes.js';

export interface Media {
  readonly deps: MediaServiceDeps;
  readonly storage: MediaStorage;
  /** Upload, delete and usage routes, and `/media/...` when files are kept locally. */
  readonly routes: OpenAPIHono<AppEnv>;
  close(): void;
}

/** Media uploads on the configured storage. */
export function createMedia(options: {
  readonly config: MediaConfig;
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  /** Usually the outbox drainer's wake(). */
  readonly onModuleCallQueued?: () => void;
}): Media {
  const { config } = options;
  const storage =
    config.storage.kind === 'local'
      ? new LocalMediaStorage({
          dir: config.storage.dir,
          publicBaseUrl: config.storage.publicBaseUrl,
        })
      : new S3MediaStorage(config.storage);
  const deps: MediaServiceDeps = {
    db: options.db,
    storage,
    limits: config.limits,
    logger: options.logger,
    ...(options.onModuleCallQueued ? { onModuleCallQueued: options.onModuleCallQueued } : {}),
  };
  const routes = createMediaRoutes(deps);
  if (storage instanceof LocalMediaStorage) routes.route('/', createLocalMediaRoutes(storage));
  return {
    deps,
    storage,
    routes,
    close: () => {
      if (storage instanceof S3MediaStorage) storage.close();
    },
  };
}
