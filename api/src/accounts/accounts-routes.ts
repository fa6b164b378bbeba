// All account routes, mounted under /v1. Their bodies are JSON and small.

import { createRouter } from '../http/create-router.js';
import { jsonBodyGuard } from '../http/json-body.js';
import { createAccountRoutes } from './account/account-routes.js';
import type { AccountsDeps } from './accounts-deps.js';
import { createAdminRoutes } from './admin/admin-routes.js';
import { createAuthRoutes } from './auth/auth-routes.js';
import { createInviteRoutes } from './invites/invite-routes.js';
import { createSessionRoutes } from './sessions/session-routes.js';

/**
 * The path prefixes these routes live under. The JSON guard is registered on
 * them, not on '*': mounted at /v1, '*' would also cover other features'
 * routes there (media uploads are multipart).
 */
const ACCOUNT_PATHS = ['/auth/*', '/sessions/*', '/account/*', '/invites/*', '/admin/*'];

export function createAccountsRoutes(deps: AccountsDeps) {
  const router = createRouter();
  const guard = jsonBodyGuard();
  for (const paths of ACCOUNT_PATHS) router.use(paths, guard);
  router.route('/', createAuthRoutes(deps));
  router.route('/', createSessionRoutes(deps));
  router.route('/', createAccountRoutes(deps));
  router.route('/', createInviteRoutes(deps));
  router.route('/', createAdminRoutes(deps));
  return router;
}
