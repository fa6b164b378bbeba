// Instance settings only an admin may read and change.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/create-router.js';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi-schemas.js';
import type { AccountsDeps } from '../accounts-deps.js';
import { requireAdmin } from '../sessions/require-user.js';
import { readInstanceSettings, updateInstanceSettings } from './instance-settings.js';

const SettingsSchema = z
  .object({
    membersCanInvite: z
      .boolean()
      .openapi({ description: 'Whether members may create invites too.' }),
  })
  .openapi('InstanceSettings');

const getRoute = createRoute({
  method: 'get',
  path: '/admin/settings',
  tags: ['admin'],
  summary: 'The instance settings',
  middleware: [requireAdmin],
  responses: { 200: jsonContent(SettingsSchema, 'The settings.'), ...errorResponses(401, 403) },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/admin/settings',
  tags: ['admin'],
  summary: 'Change instance settings',
  middleware: [requireAdmin],
  request: { body: jsonBody(SettingsSchema.partial().strict()) },
  responses: {
    200: jsonContent(SettingsSchema, 'The settings as changed.'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export function createAdminRoutes(deps: AccountsDeps) {
  const router = createRouter();
  router.openapi(getRoute, async (c) =>
    c.json(SettingsSchema.parse(await readInstanceSettings(deps.db)), 200),
  );
  router.openapi(patchRoute, async (c) => {
    const settings = await updateInstanceSettings(deps.db, c.req.valid('json'));
    deps.logger.info({ settings }, 'instance settings changed');
    return c.json(SettingsSchema.parse(settings), 200);
  });
  return router;
}
