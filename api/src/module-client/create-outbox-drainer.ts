import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { Logger } from '../logging/logger.js';
import type { TokenIssuer } from '../oidc/token-issuer.js';
import { advisoryDrainLock, inProcessDrainLock } from './drain-lock.js';
import { OutboxDrainer } from './outbox-drainer.js';
import { createReducerCaller } from './reducer-caller.js';
import { ServiceTokenSource } from './service-token-source.js';

/** The drainer of module_outbox, calling the module at SPACETIME_URL with the service token. */
export function createOutboxDrainer(options: {
  readonly db: Kysely<Database>;
  readonly databaseKind: 'postgres' | 'pglite';
  /** SPACETIME_URL, no trailing slash. */
  readonly spacetimeUrl: string;
  /** SPACETIME_DATABASE. */
  readonly spacetimeDatabase: string;
  readonly tokens: TokenIssuer;
  readonly logger: Logger;
}): OutboxDrainer {
  const serviceToken = new ServiceTokenSource(() => options.tokens.issueServiceToken());
  return new OutboxDrainer({
    db: options.db,
    call: createReducerCaller({
      baseUrl: options.spacetimeUrl,
      database: options.spacetimeDatabase,
      token: () => serviceToken.token(),
      timeoutMs: 10_000,
    }),
    lock:
      options.databaseKind === 'postgres' ? advisoryDrainLock(options.db) : inProcessDrainLock(),
    logger: options.logger,
  });
}
