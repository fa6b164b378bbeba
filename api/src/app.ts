// The API as one Hono application: shared middleware, the built web app
// (before sessions are looked up: its files need none), then each feature's
// router. Features other than accounts (the OIDC issuer, media) are built
// elsewhere and handed in; their routers define their full paths.
import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Kysely } from 'kysely';
import type { PersonalDataSource } from './accounts/account/personal-data.js';
import { createAccountsRoutes } from './accounts/accounts-routes.js';
import { authenticate } from './accounts/sessions/authenticate.js';
import { createClientConfigRoutes } from './client-config/client-config-routes.js';
import type { Config } from './config.js';
import type { Database } from './db/database-schema.js';
import { createHealthRoutes } from './health/health-routes.js';
import type { AppEnv } from './http/app-env.js';
import { createRouter } from './http/create-router.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { originCheck } from './http/origin-check.js';
import { requestLogging } from './http/request-logging.js';
import type { Logger } from './logging/logger.js';
import type { Mailer } from './mail/mailer.js';
import { type BanCheck, NO_BANS } from './module-client/ban-check.js';
import { mountApiDocs } from './openapi/api-docs.js';
import { webAppContentSecurityPolicy } from './web-app/content-security-policy.js';
import { serveWebApp } from './web-app/serve-web-app.js';

// biome-ignore lint/suspicious/noExplicitAny: feature routers bring their own environment types
export type FeatureRouter = OpenAPIHono<any, any, any>;

export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  readonly mailer: Mailer;
  /** Sections other features add to the account export. */
  readonly personalDataSources?: readonly PersonalDataSource[];
  /** The OIDC issuer (discovery, JWKS, ID tokens): createOidcRoutes(...). */
  readonly oidc?: FeatureRouter;
  /** Media uploads and serving: createMediaRoutes(...). */
  readonly media?: FeatureRouter;
  /** Told when a route queued a module call, so the outbox drainer delivers it now. */
  readonly onModuleCallQueued?: () => void;
  /** Whether the module bans an account (login, ID tokens); without it nobody is banned. */
  readonly banCheck?: BanCheck;
}

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const { config, db, logger } = deps;
  const app = createRouter();
  app.onError(handleError);
  app.notFound(handleNotFound);

  app.use('*', requestId({ headerName: 'X-Request-Id', generator: () => randomUUID() }));
  app.use('*', requestLogging(logger));
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-site' }));
  app.use(
    '*',
    serveWebApp({
      distDir: config.webDistDir,
      contentSecurityPolicy: webAppContentSecurityPolicy({
        spacetimePublicUrl: config.spacetimePublicUrl,
        mediaPublicBaseUrl: config.media.storage.publicBaseUrl,
      }),
    }),
  );
  app.use('*', originCheck([config.publicOrigin, ...config.trustedOrigins]));
  app.use('*', authenticate(db, config));

  app.route('/', createHealthRoutes(db));
  app.route(
    '/v1',
    createAccountsRoutes({
      db,
      config,
      logger,
      mailer: deps.mailer,
      personalDataSources: deps.personalDataSources ?? [],
      banCheck: deps.banCheck ?? NO_BANS,
      ...(deps.onModuleCallQueued ? { onModuleCallQueued: deps.onModuleCallQueued } : {}),
    }),
  );
  app.route('/', createClientConfigRoutes(config));
  if (deps.oidc !== undefined) app.route('/', deps.oidc);
  if (deps.media !== undefined) app.route('/', deps.media);
  mountApiDocs(app, config.publicUrl);
  return app;
}
