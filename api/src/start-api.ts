// Starts the whole API from its configuration: opens the database, runs
// pending migrations, builds the OIDC issuer, the outbox drainer that
// delivers module calls, the ban sweep, media storage and the mailer, then
// the app, and listens. Used by `npm start` (through the root start script) and by
// `npm start -w api`.
import { type ServerType, serve } from '@hono/node-server';
import { BanSweeper } from './accounts/bans/ban-sweeper.js';
import { sweepBannedAccounts } from './accounts/bans/sweep-banned-accounts.js';
import { ensureAdminInvite } from './accounts/invites/admin-invite.js';
import { passwordResetsSettled } from './accounts/passwords/request-password-reset.js';
import { createApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { type DatabaseTarget, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { pruneExpiredRows } from './db/prune-expired-rows.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createMailer } from './mail/create-mailer.js';
import { createMedia } from './media/create-media.js';
import { mediaPersonalData } from './media/media-personal-data.js';
import { createBanCheck } from './module-client/create-ban-check.js';
import { createOutboxDrainer } from './module-client/create-outbox-drainer.js';
import { createOidc, type Oidc } from './oidc/create-oidc.js';
import { SigningKeyError } from './oidc/signing-key.js';

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
}

export function databaseTarget(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl !== undefined
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: `${config.dataDir}/pg` };
}

/** Things started so far, closed in reverse order (also when a later step fails). */
type Closer = () => Promise<void> | void;

export async function startApi(config: Config, options: StartApiOptions = {}): Promise<StartedApi> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // First: a bad OIDC_SIGNING_KEYS stops the start before the database is touched.
  const oidc = await openOidc(config);
  const database = await openDatabase(databaseTarget(config), {
    onConnectionLost: (error) =>
      logger.warn({ err: error }, 'the database closed a connection; a new one replaces it'),
  });
  const closers: Closer[] = [() => database.close()];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
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

    const drainer = createOutboxDrainer({
      db: database.db,
      databaseKind: database.kind,
      spacetimeUrl: config.spacetimeUrl,
      spacetimeDatabase: config.spacetimeDatabase,
      tokens: oidc.tokens,
      logger,
    });
    const wakeDrainer = () => drainer.wake();
    const banCheck = createBanCheck({
      spacetimeUrl: config.spacetimeUrl,
      spacetimeDatabase: config.spacetimeDatabase,
      tokens: oidc.tokens,
      logger,
    });
    const media = createMedia({
      config: config.media,
      db: database.db,
      logger,
      onModuleCallQueued: wakeDrainer,
    });
    closers.push(() => media.close());
    const mailer = createMailer(config, logger);
    closers.push(() => mailer.close());
    // Reset requests are answered before their work runs: let it finish (it
    // needs the mailer and the database) before those close.
    closers.push(() => passwordResetsSettled());

    const app = createApp({
      config,
      db: database.db,
      logger,
      mailer,
      oidc: oidc.routes,
      media: media.routes,
      personalDataSources: [mediaPersonalData(media.deps)],
      onModuleCallQueued: wakeDrainer,
      banCheck,
    });
    const server = await listen(app.fetch, config);
    closers.push(() => closeServer(server));
    // After listening: SpacetimeDB verifies the service token against our
    // JWKS, which must be reachable by then.
    drainer.start();
    closers.push(() => drainer.stop());
    // No lock: a sweep is idempotent, so instances sweeping at once only
    // repeat one small query to the module.
    const banSweeper = new BanSweeper(
      () => sweepBannedAccounts({ db: database.db, bans: banCheck, logger }),
      logger,
    );
    banSweeper.start();
    closers.push(() => banSweeper.stop());
    const prune = setInterval(() => {
      pruneExpiredRows(database.db).catch((error: unknown) =>
        logger.warn({ err: error }, 'pruning expired rows failed'),
      );
    }, PRUNE_EVERY_MS);
    prune.unref();
    closers.push(() => clearInterval(prune));

    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${server.port}`;
    logger.info(
      {
        url,
        database: database.kind,
        publicUrl: config.publicUrl,
        spacetime: config.spacetimeUrl,
        media: config.media.storage.kind,
        webApp: config.webDistDir,
      },
      'API listening',
    );
    return { url, adminInviteUrl, logger, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** OIDC_SIGNING_KEYS is checked when its keys are imported: a bad one is a configuration error. */
async function openOidc(config: Config): Promise<Oidc> {
  try {
    return await createOidc({
      config: config.oidc,
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
    });
  } catch (error) {
    if (error instanceof SigningKeyError) {
      throw new ConfigError(`Invalid configuration:\n  ${error.message}`, { cause: error });
    }
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

function closeServer({ server }: Listening): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
