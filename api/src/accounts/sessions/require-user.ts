// Route guards. A cookie session may change state only when the request also
// carries the session's CSRF token in X-CSRF-Token: a page on another site
// can make the browser send the cookie, but cannot read the token.
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv, Auth } from '../../http/app-env.js';
import { sameSecret } from '../secret-tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  currentUser(c);
  return next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = currentUser(c);
  if (auth.role !== 'admin') {
    throw new ApiError('forbidden', 'Only an admin can do this.');
  }
  return next();
};

/** The signed-in person; throws 401 (or 403 for a missing CSRF token) otherwise. */
export function currentUser(c: Context<AppEnv>): Auth {
  const auth = c.get('auth');
  if (auth === null) {
    throw new ApiError(
      'unauthenticated',
      'You are not logged in, or your session has ended. Log in and try again.',
    );
  }
  if (auth.sessionKind === 'cookie' && !SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header('x-csrf-token');
    if (sent === undefined || !sameSecret(sent, auth.csrfToken)) {
      throw new ApiError(
        'csrf_failed',
        'Missing or wrong X-CSRF-Token header: send the value of the kith_csrf cookie with every change.',
      );
    }
  }
  return auth;
}
