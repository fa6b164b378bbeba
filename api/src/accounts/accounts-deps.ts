import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database-schema.js';
import type { Logger } from '../logging/logger.js';
import type { Mailer } from '../mail/mailer.js';
import type { BanCheck } from '../module-client/ban-check.js';
import type { PersonalDataSource } from './account/personal-data.js';

/** What the account routes need from the application. */
export interface AccountsDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly logger: Logger;
  readonly mailer: Mailer;
  readonly personalDataSources: readonly PersonalDataSource[];
  /** Asked at login and before each ID token: whether the module bans the account. */
  readonly banCheck: BanCheck;
  /** Told when a module call was queued (delete_user, rename_user), so the outbox drainer delivers it now. */
  readonly onModuleCallQueued?: () => void;
}
