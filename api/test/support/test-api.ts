// Builds the API for a test on a fresh database (PGlite, or PostgreSQL when
// DATABASE_URL is set), with a log the test can read. Requests go through
// app.request(); TestClient keeps cookies like a browser.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { PersonalDataSource } from '../../src/accounts/account/personal-data.js';
import { ensureAdminInvite } from '../../src/accounts/invites/admin-invite.js';
import { createApp, type FeatureRouter } from '../../src/app.js';
import { type Config, readConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database-schema.js';
import type { AppEnv } from '../../src/http/app-env.js';
import type { Logger } from '../../src/logging/logger.js';
import { createMailer } from '../../src/mail/create-mailer.js';
import type { BanCheck } from '../../src/module-client/ban-check.js';
import { type CapturedLogs, captureLogs } from './log-capture.js';
import { TestClient } from './test-client.js';
import { createTestDatabase, type TestDatabaseKind } from './test-database.js';

export interface TestApi {
  readonly app: OpenAPIHono<AppEnv>;
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly logs: CapturedLogs;
  readonly kind: TestDatabaseKind;
  /** A client with its own cookie jar and client address. */
  client(ip?: string): TestClient;
  /** Signs up the first account (the admin) with the first-admin invite. */
  signUpAdmin(username?: string): Promise<TestClient>;
  /** Has `inviter` create an invite and signs a new member up with it. */
  signUpMember(inviter: TestClient, username: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Settings on top of the test defaults (TRUST_PROXY_HOPS=1 so tests pick their address). */
  readonly env?: Readonly<Record<string, string>>;
  readonly personalDataSources?: readonly PersonalDataSource[];
  readonly oidc?: FeatureRouter;
  readonly media?: FeatureRouter;
  /** Told when a route queued a module call (as start-api wakes the outbox drainer). */
  readonly onModuleCallQueued?: () => void;
  /** The ban check, made with the test's logger (default: nobody is banned). */
  readonly banCheck?: (logger: Logger) => BanCheck;
}

export const TEST_PASSWORD = 'a long enough test password';

let nextAddress = 1;

/** A client address no other test uses, so rate limits and lockouts stay apart. */
export function freshAddress(): string {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function createTestApi(
  kind: TestDatabaseKind,
  options: TestApiOptions = {},
): Promise<TestApi> {
  const database = await createTestDatabase(kind);
  const config = readConfig({
    PUBLIC_URL: 'http://kith.test',
    KITH_DATA_DIR: '/nonexistent/kith-test',
    // No web app unless a test makes one: pages answer the not-built page.
    WEB_DIST_DIR: '/nonexistent/kith-test-web',
    TRUST_PROXY_HOPS: '1',
    ...options.env,
  });
  const logs = captureLogs();
  const mailer = createMailer(config, logs.logger);
  const app = createApp({
    config,
    db: database.db,
    logger: logs.logger,
    mailer,
    personalDataSources: options.personalDataSources,
    oidc: options.oidc,
    media: options.media,
    onModuleCallQueued: options.onModuleCallQueued,
    banCheck: options.banCheck?.(logs.logger),
  });
  const api: TestApi = {
    app,
    db: database.db,
    config,
    logs,
    kind,
    client: (ip = freshAddress()) => new TestClient(app, ip, config),
    async signUpAdmin(username = 'admin_user') {
      const url = await ensureAdminInvite(database.db, config.publicUrl);
      if (url === undefined) throw new Error('accounts exist already');
      const code = new URL(url).searchParams.get('invite') ?? '';
      const client = api.client();
      await client.expect(201, 'POST', '/v1/auth/signup', {
        inviteCode: code,
        username,
        password: TEST_PASSWORD,
      });
      return client;
    },
    async signUpMember(inviter, username, password = TEST_PASSWORD) {
      const { code } = await inviter.expect<{ code: string }>(201, 'POST', '/v1/invites', {});
      const client = api.client();
      await client.expect(201, 'POST', '/v1/auth/signup', { inviteCode: code, username, password });
      return client;
    },
    async close() {
      await mailer.close();
      await database.close();
    },
  };
  return api;
}
