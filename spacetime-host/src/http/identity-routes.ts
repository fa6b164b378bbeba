import { Hono } from 'hono';
import { identityToHex, parseIdentityHex } from '../auth/identity.js';
import type { HostApi } from '../database/database-api.js';
import { callerAuth } from './caller-auth.js';
import type { HttpAuth } from './http-auth.js';
import type { HttpEnv } from './http-env.js';
import { HttpError } from './http-error.js';
import type { HttpSettings } from './http-options.js';
import { emptyResponse, jsonResponse } from './responses.js';

/** `/v1/identity` (crates/client-api/src/routes/identity.rs). */
export function identityRoutes(
  host: HostApi,
  auth: HttpAuth,
  settings: HttpSettings,
): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();

  routes.post('/', async () => {
    const issued = await auth.issueNewIdentity();
    return jsonResponse({ identity: identityToHex(issued.identity), token: issued.token });
  });

  routes.get(
    '/public-key',
    () =>
      new Response(auth.publicKeyPem, {
        headers: { 'content-type': 'application/pem-certificate-chain' },
      }),
  );

  // A short-lived token for contexts that leak URLs (a WebSocket `?token=`);
  // it keeps the caller's issuer, which is fine since this host accepts
  // anything it signed itself.
  routes.post('/websocket-token', callerAuth(auth, 'required'), async (c) => {
    const short = await auth.reissue(c.get('caller').claims, settings.websocketTokenSeconds);
    return jsonResponse({ token: short.token });
  });

  routes.get('/:identity/verify', callerAuth(auth, 'required'), (c) => {
    const identity = identityParam(c.req.param('identity'));
    return emptyResponse(c.get('caller').identity === identity ? 204 : 400);
  });

  routes.get('/:identity/databases', (c) => {
    const owner = identityParam(c.req.param('identity'));
    const identities = host
      .list()
      .filter((database) => database.owner === owner)
      .map((database) => identityToHex(database.identity));
    return jsonResponse({ identities });
  });

  return routes;
}

function identityParam(segment: string): bigint {
  const identity = parseIdentityHex(segment);
  if (identity === undefined) {
    throw new HttpError(400, `Invalid URL: \`${segment}\` is not a 64-digit hex identity`);
  }
  return identity;
}
