// The media routes inside the API's real middleware (sessions, the error
// handler), over a test database, with users who hold bearer sessions.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { authenticate } from '../../../src/accounts/sessions/authenticate.js';
import { createSession } from '../../../src/accounts/sessions/create-session.js';
import type { Database } from '../../../src/db/database-schema.js';
import type { AppEnv } from '../../../src/http/app-env.js';
import { createRouter } from '../../../src/http/create-router.js';
import { handleError, handleNotFound } from '../../../src/http/error-handler.js';
import { createTestUser } from './test-database.js';

export const silentLogger = pino({ level: 'silent' });

/** An app with the API's error handling and sessions around `routers`. */
export function testApp(db: Kysely<Database>, ...routers: OpenAPIHono<AppEnv>[]) {
  const app = createRouter();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use('*', async (c, next) => {
    c.set('logger', silentLogger);
    c.set('requestId', 'test');
    return next();
  });
  app.use('*', authenticate(db, { secureCookies: false }));
  for (const router of routers) app.route('/', router);
  return app;
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  /** `Authorization` header value of a bearer session. */
  readonly authorization: string;
}

export async function signedInUser(
  db: Kysely<Database>,
  username: string,
  role: 'member' | 'admin' = 'member',
): Promise<TestUser> {
  const id = await createTestUser(db, username, role);
  const session = await createSession(db, {
    userId: id,
    kind: 'bearer',
    ttlHours: 1,
    userAgent: 'vitest',
    ip: '127.0.0.1',
  });
  return { id, username, authorization: `Bearer ${session.token}` };
}
