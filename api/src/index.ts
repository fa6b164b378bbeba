export type { PersonalDataSource } from './accounts/account/personal-data.js';
export { currentUser, requireAdmin, requireUser } from './accounts/sessions/require-user.js';
export { type AppDeps, createApp, type FeatureRouter } from './app.js';
export { type Config, ConfigError, readConfig } from './config.js';
export { openDatabase } from './db/database.js';
export type { Database } from './db/database-schema.js';
export { migrateToLatest } from './db/migrate.js';
export { ApiError, type ErrorCode } from './http/api-error.js';
export type { AppEnv, Auth } from './http/app-env.js';
export { createRouter } from './http/create-router.js';
export { createLogger, type Logger } from './logging/logger.js';
export {
  enqueueModuleCall,
  type ModuleReducer,
  type ModuleReducerArgs,
} from './module-outbox/index.js';
export { type StartApiOptions, type StartedApi, startApi } from './start-api.js';
