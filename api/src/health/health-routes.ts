// Liveness (/healthz: the process answers) and readiness (/readyz: it can
// reach its database), for load balancers and orchestrators.
import { createRoute, z } from '@hono/zod-openapi';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { ApiError } from '../http/api-error.js';
import { createRouter } from '../http/create-router.js';
import { errorResponses, jsonContent } from '../http/openapi-schemas.js';

const StatusSchema = z.object({ status: z.string() }).openapi('Status');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up',
  responses: { 200: jsonContent(StatusSchema, 'Alive.') },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'The API can serve requests (its database answers)',
  responses: { 200: jsonContent(StatusSchema, 'Ready.'), ...errorResponses(503) },
});

export function createHealthRoutes(db: Kysely<Database>) {
  const router = createRouter();
  router.openapi(healthRoute, (c) => c.json({ status: 'ok' }, 200));
  router.openapi(readyRoute, async (c) => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch (error) {
      c.get('logger').warn({ err: error }, 'readiness check: the database does not answer');
      throw new ApiError('not_ready', 'The database does not answer yet.');
    }
    return c.json({ status: 'ready' }, 200);
  });
  return router;
}
