import { Hono } from 'hono';
import type { HostApi } from '../database/database-api.js';
import { callFunctionRoute } from './call-route.js';
import { callerAuth } from './caller-auth.js';
import { registerDatabaseInfoRoutes } from './database-info-routes.js';
import type { HttpAuth } from './http-auth.js';
import type { HttpEnv } from './http-env.js';
import { HttpError } from './http-error.js';
import type { HttpSettings } from './http-options.js';
import { logsRoute } from './logs-route.js';
import { registerPublishRoutes } from './publish-routes.js';
import { resolveDatabase } from './resolve-database.js';
import { sqlRoute } from './sql-route.js';

/**
 * `/v1/database` (crates/client-api/src/routes/database.rs). Every route
 * authenticates like SpacetimeDB's `anon_auth_middleware`: an anonymous
 * caller gets a fresh identity, returned in `spacetime-identity` /
 * `spacetime-identity-token` response headers.
 */
export function databaseRoutes(
  host: HostApi,
  auth: HttpAuth,
  settings: HttpSettings,
): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();
  const resolved = resolveDatabase(host);
  routes.use('*', callerAuth(auth, 'anonymous-gets-identity'));

  registerPublishRoutes(routes, host, settings);
  registerDatabaseInfoRoutes(routes, host);
  routes.post('/:name_or_identity/call/:function', resolved, (c) => callFunctionRoute(c, settings));
  routes.post('/:name_or_identity/sql', resolved, (c) => sqlRoute(c, settings));
  routes.get('/:name_or_identity/logs', resolved, logsRoute);

  // The seam for the WebSocket server: it receives the authenticated caller and the database.
  routes.get(
    '/:name_or_identity/subscribe',
    resolved,
    settings.subscribe ??
      (() => {
        throw new HttpError(501, 'WebSocket subscriptions are not available on this host');
      }),
  );

  return routes;
}
