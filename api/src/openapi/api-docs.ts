// The OpenAPI 3.1 description, generated from the route definitions, at
// /openapi.json, and the interactive reference (Scalar) at /docs, whose script
// the API serves itself: reading the docs fetches nothing from another site.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { AppEnv } from '../http/app-env.js';
import { API_DOCS_CSP, renderApiDocsPage } from './api-docs-page.js';
import { locateApiReferenceBundle } from './api-reference-bundle.js';

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
        'Accounts, sessions and invites, the OIDC issuer SpacetimeDB trusts, and media for Kith. Errors are JSON: { "error": { "code", "message", "details"? } }.',
    },
    servers: [{ url: publicUrl }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
  });

  const bundle = locateApiReferenceBundle();
  // The version in the name lets browsers keep the 4 MB script until an upgrade.
  const scriptPath = `/docs/scalar-api-reference-${bundle.version}.js`;
  const page = renderApiDocsPage({ openapiPath: OPENAPI_PATH, scriptPath });

  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', API_DOCS_CSP);
    c.header('Cache-Control', 'no-cache');
    return c.html(page);
  });
  app.get(scriptPath, compress(), async (c) => {
    const headers = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    };
    if (c.req.method === 'HEAD') {
      const { size } = await stat(bundle.file);
      return c.body(null, 200, { ...headers, 'Content-Length': String(size) });
    }
    const body = Readable.toWeb(createReadStream(bundle.file)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, headers);
  });
}
