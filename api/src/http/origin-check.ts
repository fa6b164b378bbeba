// Refuses state-changing requests that a browser sent from another site:
// a cross-site form or fetch carries an Origin (or Sec-Fetch-Site) header
// that is not ours. Requests without either header come from non-browser
// clients, which cannot be tricked into sending someone's cookie.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowed.has(origin)) {
      throw new ApiError(
        'origin_not_allowed',
        `Requests from ${origin} are not accepted; use the Kith web app at ${allowedOrigins[0]}.`,
      );
    }
    if (origin === undefined && c.req.header('sec-fetch-site') === 'cross-site') {
      throw new ApiError('origin_not_allowed', 'Cross-site requests are not accepted.');
    }
    return next();
  };
}
