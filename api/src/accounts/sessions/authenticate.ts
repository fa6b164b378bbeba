// Resolves the session a request carries, if any: a bearer token in the
// Authorization header (non-browser clients) or the session cookie. A bearer
// token that is not a live session is refused outright (the client asked to
// act as someone); a dead cookie is cleared and the request goes on signed out.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv, Auth, SessionKind } from '../../http/app-env.js';
import { parseRole } from '../roles.js';
import { hashSecretToken } from '../secret-tokens.js';
import { clearSessionCookies, sessionCookieNames } from './session-cookies.js';

/** last_used_at is refreshed at most this often, not on every request. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export function authenticate(
  db: Kysely<Database>,
  config: Pick<Config, 'secureCookies'>,
): MiddlewareHandler<AppEnv> {
  const cookieNames = sessionCookieNames(config);
  return async (c, next) => {
    c.set('auth', null);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization.trim());
      const auth = match?.[1] === undefined ? null : await findSession(db, match[1], 'bearer');
      if (auth === null) {
        throw new ApiError(
          'invalid_token',
          'The bearer token is not a valid session: it may have expired or been revoked. Log in again.',
        );
      }
      c.set('auth', auth);
      return next();
    }
    const cookieToken = getCookie(c, cookieNames.session);
    if (cookieToken !== undefined) {
      const auth = await findSession(db, cookieToken, 'cookie');
      if (auth === null) clearSessionCookies(c, config);
      c.set('auth', auth);
    }
    return next();
  };
}

async function findSession(
  db: Kysely<Database>,
  token: string,
  kind: SessionKind,
): Promise<Auth | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.csrfToken',
      'sessions.expiresAt',
      'sessions.lastUsedAt',
      'users.id as userId',
      'users.username',
      'users.displayName',
      'users.role',
    ])
    .where('sessions.tokenHash', '=', hashSecretToken(token))
    .where('sessions.kind', '=', kind)
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (row === undefined) return null;
  if (Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
    await db
      .updateTable('sessions')
      .set({ lastUsedAt: sql<Date>`now()` })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: parseRole(row.role),
    sessionId: row.sessionId,
    sessionKind: kind,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}
