import type { Logger } from '../logging/logger.js';
import type { TokenIssuer } from '../oidc/token-issuer.js';
import type { BanCheck, BanList } from './ban-check.js';
import { ModuleBanCheck } from './module-ban-check.js';
import { createModuleSql } from './module-sql.js';
import { ServiceTokenSource } from './service-token-source.js';

/**
 * A person waits for this answer at login, and a module that does not answer
 * lets them in anyway (see ModuleBanCheck): so not long. The module answers
 * this one-row query in milliseconds when it is up; the sweep's list of every
 * ban is small too (bans are few).
 */
const BAN_CHECK_TIMEOUT_MS = 2_000;

/**
 * The ban check (and the list of bans the ban sweep reads) against the module
 * at SPACETIME_URL, asked with the service token.
 */
export function createBanCheck(options: {
  /** SPACETIME_URL, no trailing slash. */
  readonly spacetimeUrl: string;
  /** SPACETIME_DATABASE. */
  readonly spacetimeDatabase: string;
  readonly tokens: TokenIssuer;
  readonly logger: Logger;
}): BanCheck & BanList {
  const serviceToken = new ServiceTokenSource(() => options.tokens.issueServiceToken());
  const sql = createModuleSql({
    baseUrl: options.spacetimeUrl,
    database: options.spacetimeDatabase,
    token: () => serviceToken.token(),
    timeoutMs: BAN_CHECK_TIMEOUT_MS,
  });
  return new ModuleBanCheck(sql, options.logger);
}
