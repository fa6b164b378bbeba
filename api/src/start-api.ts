// Starts the API: opens the database, runs pending migrations, builds the
// app and listens. Used by `npm start` (through the root start script) and by
// `npm start -w api`.
import { type ServerType, serve } from '@hono/node-server';
import type { PersonalDataSource } from './accounts/account/personal-data.js';
import { ensureAdminInvite } from './accounts/invites/admin-invite.js';
import { createApp, type FeatureRouter } from './app.js';
import type { Config } from './config.js';
import { type DatabaseTarget, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { pruneExpiredRows } from './db/prune-expired-rows.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createMailer } from './mail/create-mailer.js';

const PRUNE_EVERY_MS = 10 * 60_000;

export interface StartedApi {
  /** Where the API listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** The first-admin sign-up link, while the database has no accounts. */
  readonly adminInviteUrl: string | undefined;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface StartApiOptions {
  /** Logger to use; one is made from the config when absent. */
  readonly logger?: Logger;
  readonly oidc?: FeatureRouter;
  readonly media?: FeatureRouter;
  readonly personalDataSources?: readonly PersonalDataSource[];
}

export function databaseTarget(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl !== undefined
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: `${config.dataDir}/pg` };
}

export async function startApi(config: Config, options: StartApiOptions = {}): Promise<StartedApi> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const database = await openDatabase(databaseTarget(config));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const adminInviteUrl = await ensureAdminInvite(database.db, config.publicUrl);
    if (adminInviteUrl !== undefined) {
      logger.info(
        { signUpUrl: adminInviteUrl },
        'no accounts yet: the first person to sign up with this link becomes the admin',
      );
    }
    const mailer = createMailer(config, logger);
    const app = createApp({
      config,
      db: database.db,
      logger,
      mailer,
      oidc: options.oidc,
      media: options.media,
      personalDataSources: options.personalDataSources,
    });
    const server = await listen(app.fetch, config);
    const prune = setInterval(() => {
      pruneExpiredRows(database.db).catch((error: unknown) =>
        logger.warn({ err: error }, 'pruning expired rows failed'),
      );
    }, PRUNE_EVERY_MS);
    prune.unref();
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${server.port}`;
    logger.info({ url, database: database.kind, publicUrl: config.publicUrl }, 'API listening');
    return {
      url,
      adminInviteUrl,
      logger,
      async close() {
        clearInterval(prune);
        await new Promise<void>((resolve) => server.server.close(() => resolve()));
        await mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

interface Listening {
  readonly server: ServerType;
  readonly port: number;
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  config: Pick<Config, 'host' | 'port'>,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: config.host, port: config.port }, (info) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
}
