// The OpenAPI 3.1 description, generated from the route definitions, at
// /openapi.json, and the interactive reference (Scalar) at /docs. The docs
// page loads Scalar's script from its CDN in the browser; the description
// itself is served by the API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppEnv } from '../http/app-env.js';

export const OPENAPI_PATH = '/openapi.json';

export function mountApiDocs(app: OpenAPIHono<AppEnv>, publicUrl: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kith_session',
    description: 'Browser sessions; state-changing requests also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'Sessions for non-browser clients (log in with "session": "bearer").',
  });
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Kith API',
      version: '1',
      description:
        'Accounts, sessions and invites for Kith. Errors are JSON: { "error": { "code", "message", "details"? } }.',
    },
    servers: [{ url: publicUrl }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
  });
  app.get('/docs', Scalar({ url: OPENAPI_PATH, pageTitle: 'Kith API' }));
}
