// Invites: create one (admins, or members when an admin allows it), list the
// ones you made (admins see all), and withdraw one.
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ApiError } from '../../http/api-error.js';
import { createRouter } from '../../http/create-router.js';
import {
  errorResponses,
  jsonBody,
  jsonContent,
  timestamp,
  uuid,
} from '../../http/openapi-schemas.js';
import type { AccountsDeps } from '../accounts-deps.js';
import { currentUser, requireUser } from '../sessions/require-user.js';
import { rateLimit } from '../throttling/rate-limit.js';
import { RATE_LIMITS } from '../throttling/rate-limit-rules.js';
import { createInvite } from './create-invite.js';
import { inviteUrl } from './invite-links.js';
import { mayManageInvite } from './invite-policy.js';

const InviteSchema = z
  .object({
    id: uuid,
    createdBy: z.string().nullable().openapi({ description: 'The username of who made it.' }),
    maxUses: z.number().int(),
    uses: z.number().int(),
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
    createdAt: timestamp,
    usable: z.boolean(),
  })
  .openapi('Invite');

const CreatedInviteSchema = z
  .object({
    invite: InviteSchema,
    code: z.string().openapi({ description: 'Shown only now; Kith keeps only its hash.' }),
    url: z.string().openapi({ description: 'The sign-up link to send to your friend.' }),
  })
  .openapi('CreatedInvite');

const CreateInviteBody = z
  .object({
    maxUses: z.number().int('must be a whole number').min(1).max(100).default(1),
    expiresInHours: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(30 * 24)
      .default(7 * 24),
  })
  .openapi('CreateInviteRequest');

const createInviteRoute = createRoute({
  method: 'post',
  path: '/invites',
  tags: ['invites'],
  summary: 'Create an invite code',
  middleware: [requireUser],
  request: { body: jsonBody(CreateInviteBody) },
  responses: {
    201: jsonContent(CreatedInviteSchema, 'The invite; its code is shown only now.'),
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

const listInvitesRoute = createRoute({
  method: 'get',
  path: '/invites',
  tags: ['invites'],
  summary: 'Invites you made (admins: every invite), newest first',
  middleware: [requireUser],
  responses: {
    200: jsonContent(
      z.object({ invites: z.array(InviteSchema) }).openapi('InviteList'),
      'Invites.',
    ),
    ...errorResponses(401),
  },
});

const revokeInviteRoute = createRoute({
  method: 'delete',
  path: '/invites/{id}',
  tags: ['invites'],
  summary: 'Withdraw an invite so nobody else can sign up with it',
  middleware: [requireUser],
  request: { params: z.object({ id: uuid.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Withdrawn.' }, ...errorResponses(400, 401, 403, 404) },
});

export function createInviteRoutes(deps: AccountsDeps) {
  const { db, config } = deps;
  const router = createRouter();

  router.openapi(
    {
      ...createInviteRoute,
      middleware: [requireUser, rateLimit(db, RATE_LIMITS.inviteCreate, config.trustProxyHops)],
    },
    async (c) => {
      const auth = currentUser(c);
      const invite = await createInvite(db, auth, c.req.valid('json'));
      const body = {
        invite: {
          id: invite.id,
          createdBy: auth.username,
          maxUses: invite.maxUses,
          uses: invite.uses,
          expiresAt: invite.expiresAt.toISOString(),
          revokedAt: null,
          createdAt: invite.createdAt.toISOString(),
          usable: true,
        },
        code: invite.code,
        url: inviteUrl(config.publicUrl, invite.code),
      };
      return c.json(CreatedInviteSchema.parse(body), 201);
    },
  );

  router.openapi(listInvitesRoute, async (c) => {
    const auth = currentUser(c);
    let query = db
      .selectFrom('invites')
      .leftJoin('users', 'users.id', 'invites.createdBy')
      .select([
        'invites.id',
        'users.username as createdBy',
        'invites.maxUses',
        'invites.uses',
        'invites.expiresAt',
        'invites.revokedAt',
        'invites.createdAt',
        sql<boolean>`invites.revoked_at IS NULL AND invites.expires_at > now() AND invites.uses < invites.max_uses`.as(
          'usable',
        ),
      ])
      .orderBy('invites.createdAt', 'desc');
    if (auth.role !== 'admin') query = query.where('invites.createdBy', '=', auth.userId);
    const rows = await query.execute();
    const invites = rows.map((row) => ({
      ...row,
      expiresAt: row.expiresAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    }));
    return c.json({ invites: z.array(InviteSchema).parse(invites) }, 200);
  });

  router.openapi(revokeInviteRoute, async (c) => {
    const auth = currentUser(c);
    const { id } = c.req.valid('param');
    const invite = await db
      .selectFrom('invites')
      .select(['id', 'createdBy'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (invite === undefined || !mayManageInvite(auth, invite)) {
      throw new ApiError('not_found', 'There is no invite of yours with that id.');
    }
    await db
      .updateTable('invites')
      .set({ revokedAt: sql<Date>`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .execute();
    return c.body(null, 204);
  });

  return router;
}
