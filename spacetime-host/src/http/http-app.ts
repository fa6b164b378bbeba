import { Hono } from 'hono';
import type { HostApi } from '../database/database-api.js';
import { callerAuth } from './caller-auth.js';
import { cors } from './cors.js';
import { databaseRoutes } from './database-routes.js';
import { errorResponse } from './error-response.js';
import type { HttpAuth } from './http-auth.js';
import type { HttpEnv } from './http-env.js';
import { type HttpAppOptions, resolveHttpOptions } from './http-options.js';
import { identityRoutes } from './identity-routes.js';
import { emptyResponse } from './responses.js';

/**
 * SpacetimeDB's HTTP API (`/v1/...`, crates/client-api/src/routes) over a
 * `HostApi`, so the real `spacetime` CLI and SDKs can talk to this host.
 */
export function createHttpApp(
  host: HostApi,
  auth: HttpAuth,
  options: HttpAppOptions = {},
): Hono<HttpEnv> {
  const settings = resolveHttpOptions(options);
  const app = new Hono<HttpEnv>();

  app.use('/v1/*', cors());
  // Lets clients check that they can reach the host; a token, if sent, must be valid.
  app.get('/v1/ping', callerAuth(auth, 'optional'), () => emptyResponse());
  app.route('/v1/identity', identityRoutes(host, auth, settings));
  app.route('/v1/database', databaseRoutes(host, auth, settings));

  app.notFound(() => emptyResponse(404));
  app.onError((error) => errorResponse(error, settings.logError));
  return app;
}
