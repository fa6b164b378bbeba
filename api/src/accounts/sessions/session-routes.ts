// A person's sessions: list them (where and when each was used) and end any.
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ApiError } from '../../http/api-error.js';
import { createRouter } from '../../http/create-router.js';
import { errorResponses, jsonContent, timestamp, uuid } from '../../http/openapi-schemas.js';
import type { AccountsDeps } from '../accounts-deps.js';
import { currentUser, requireUser } from './require-user.js';
import { clearSessionCookies } from './session-cookies.js';

const SessionInfoSchema = z
  .object({
    id: uuid,
    kind: z.enum(['cookie', 'bearer']),
    current: z
      .boolean()
      .openapi({ description: 'Whether this request was made with this session.' }),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: timestamp,
    lastUsedAt: timestamp,
    expiresAt: timestamp,
  })
  .openapi('SessionInfo');

const SessionListSchema = z.object({ sessions: z.array(SessionInfoSchema) }).openapi('SessionList');

const listRoute = createRoute({
  method: 'get',
  path: '/sessions',
  tags: ['sessions'],
  summary: 'List your live sessions, newest first',
  middleware: [requireUser],
  responses: { 200: jsonContent(SessionListSchema, 'Your sessions.'), ...errorResponses(401) },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: ['sessions'],
  summary: 'End one of your sessions (another device, or this one)',
  middleware: [requireUser],
  request: { params: z.object({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    204: { description: 'The session has ended.' },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function createSessionRoutes(deps: AccountsDeps) {
  const { db, config } = deps;
  const router = createRouter();

  router.openapi(listRoute, async (c) => {
    const auth = currentUser(c);
    const rows = await db
      .selectFrom('sessions')
      .select(['id', 'kind', 'userAgent', 'ip', 'createdAt', 'lastUsedAt', 'expiresAt'])
      .where('userId', '=', auth.userId)
      .where('expiresAt', '>', sql<Date>`now()`)
      .orderBy('createdAt', 'desc')
      .execute();
    const sessions = rows.map((row) => ({
      id: row.id,
      kind: row.kind === 'bearer' ? ('bearer' as const) : ('cookie' as const),
      current: row.id === auth.sessionId,
      userAgent: row.userAgent,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    }));
    return c.json(SessionListSchema.parse({ sessions }), 200);
  });

  router.openapi(revokeRoute, async (c) => {
    const auth = currentUser(c);
    const { id } = c.req.valid('param');
    const deleted = await db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('userId', '=', auth.userId)
      .returning('id')
      .executeTakeFirst();
    if (deleted === undefined) {
      throw new ApiError(
        'not_found',
        'You have no session with that id; it may have ended already.',
      );
    }
    if (id === auth.sessionId && auth.sessionKind === 'cookie') clearSessionCookies(c, config);
    return c.body(null, 204);
  });

  return router;
}
