// What the web app needs to connect to the module, read at run time so one
// build of the app serves any deployment. Public: the sign-in page needs it
// before anyone is signed in, and it holds no secret.
import { createRoute, z } from '@hono/zod-openapi';
import type { Config } from '../config.js';
import { createRouter } from '../http/create-router.js';
import { jsonContent } from '../http/openapi-schemas.js';

const ClientConfigSchema = z
  .object({
    spacetimeUrl: z.string().openapi({
      description:
        'The SpacetimeDB server as browsers reach it, a ws:// or wss:// URL for DbConnection.builder().withUri().',
      example: 'wss://maincloud.spacetimedb.com',
    }),
    database: z.string().openapi({
      description: 'The module’s database, for withDatabaseName().',
      example: 'kith',
    }),
  })
  .openapi('ClientConfig');

const clientConfigRoute = createRoute({
  method: 'get',
  path: '/v1/client-config',
  tags: ['client'],
  summary: 'Where the web app connects to SpacetimeDB',
  security: [],
  responses: { 200: jsonContent(ClientConfigSchema, 'The connection settings.') },
});

export function createClientConfigRoutes(
  config: Pick<Config, 'spacetimePublicUrl' | 'spacetimeDatabase'>,
) {
  const router = createRouter();
  const body = { spacetimeUrl: config.spacetimePublicUrl, database: config.spacetimeDatabase };
  router.openapi(clientConfigRoute, (c) => {
    // Settings change only with a restart; a page load may ask again after one.
    c.header('Cache-Control', 'no-cache');
    return c.json(body, 200);
  });
  return router;
}
