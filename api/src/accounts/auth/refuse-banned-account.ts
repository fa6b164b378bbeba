// A banned account gets no session and no ID token: the module's ban ends
// what the API gave it too. Asked after a correct password (so only the
// account's owner learns of the ban) and before each ID token.
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import type { AccountBan, BanCheck } from '../../module-client/ban-check.js';
import { currentUser } from '../sessions/require-user.js';
import { clearSessionCookies } from '../sessions/session-cookies.js';

/** Ends every session of a banned user and throws account_banned; does nothing for anyone else. */
export async function refuseBannedAccount(
  db: Kysely<Database>,
  banCheck: BanCheck,
  userId: string,
): Promise<void> {
  const ban = await banCheck.banOf(userId);
  if (ban === undefined) return;
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
  throw new ApiError('account_banned', bannedMessage(ban));
}

export function bannedMessage(ban: AccountBan): string {
  const reason = ban.reason.trim();
  return reason === ''
    ? 'Your account has been banned by a Kith admin, so you cannot log in.'
    : `Your account has been banned by a Kith admin, so you cannot log in. The reason given: ${reason}`;
}

/** Passes `error` on; when it is account_banned, the browser's session cookies go with the response. */
export function clearCookiesIfBanned(c: Context, config: Pick<Config, 'secureCookies'>) {
  return (error: unknown): never => {
    if (error instanceof ApiError && error.code === 'account_banned') {
      clearSessionCookies(c, config);
    }
    throw error;
  };
}

/** Middleware for routes that hand out ID tokens: the signed-in user must not be banned. */
export function refuseBannedUser(deps: {
  readonly db: Kysely<Database>;
  readonly config: Pick<Config, 'secureCookies'>;
  readonly banCheck: BanCheck;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = currentUser(c);
    await refuseBannedAccount(deps.db, deps.banCheck, auth.userId).catch(
      clearCookiesIfBanned(c, deps.config),
    );
    return next();
  };
}
