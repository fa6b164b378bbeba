import type { Context, MiddlewareHandler } from 'hono';
import { identityToHex } from '../auth/identity.js';
import type { HttpAuth } from './http-auth.js';
import type { HttpCaller, HttpEnv } from './http-env.js';
import { HttpError } from './http-error.js';

/**
 * How a route treats a request without credentials, after SpacetimeDB's extractors:
 * - `anonymous-gets-identity` (`anon_auth_middleware`): a new identity is minted
 *   for it, and every response carries `spacetime-identity` and
 *   `spacetime-identity-token` headers;
 * - `required` (`SpacetimeAuthRequired`): 401 "Authorization required";
 * - `optional` (`SpacetimeAuthHeader`): credentials are checked only if present.
 */
export type CallerMode = 'anonymous-gets-identity' | 'required' | 'optional';

/**
 * Authenticates the caller from `Authorization: Bearer <token>` or, failing
 * that, a `?token=` query parameter (browsers cannot set headers on a
 * WebSocket), and stores it as the `caller` variable.
 */
export function callerAuth(auth: HttpAuth, mode: CallerMode): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const token = credentials(c);
    let caller: HttpCaller | undefined;
    if (token !== undefined) {
      const verified = await auth.verify(token);
      caller = {
        identity: verified.identity,
        token,
        payloadJson: verified.payloadJson,
        claims: verified.spacetimeClaims,
      };
    } else if (mode === 'anonymous-gets-identity') {
      caller = await auth.issueNewIdentity();
    } else if (mode === 'required') {
      throw new HttpError(401, 'Authorization required');
    }
    if (caller !== undefined) c.set('caller', caller);
    await next();
    if (mode === 'anonymous-gets-identity' && caller !== undefined) {
      c.res.headers.set('spacetime-identity', identityToHex(caller.identity));
      c.res.headers.set('spacetime-identity-token', caller.token);
    }
  };
}

function credentials(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer +(\S+)\s*$/i.exec(header);
    if (match === null) throw new HttpError(400, 'Authorization is invalid: malformed token');
    return match[1];
  }
  return c.req.query('token');
}
