import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { currentUser } from '../accounts/sessions/require-user.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent, timestamp } from '../http/openapi-schemas.js';
import { validationHook } from '../http/validation-hook.js';
import type { SigningKeys } from './signing-keys.js';
import type { TokenIssuer } from './token-issuer.js';

export interface OidcRoutesOptions {
  readonly tokens: TokenIssuer;
  readonly keys: SigningKeys;
}

/**
 * Verifiers cache discovery and keys for this long. Shorter than the time a
 * new key is published before it signs (see key-rotation-policy.ts), so a
 * cached JWKS always holds the key of any fresh token.
 */
const WELL_KNOWN_MAX_AGE_SECONDS = 300;

const DiscoverySchema = z
  .object({
    issuer: z.string().openapi({ example: 'https://kith.example.com' }),
    jwks_uri: z.string().openapi({ example: 'https://kith.example.com/.well-known/jwks.json' }),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .openapi('OpenIdConfiguration');

const JwkSchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    kid: z.string(),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .openapi('PublicJwk');

const JwksSchema = z.object({ keys: z.array(JwkSchema) }).openapi('Jwks');

const IdTokenSchema = z
  .object({
    token: z.string().openapi({
      description:
        'An ES256 ID token for connecting to the SpacetimeDB module (iss = this API, aud = kith).',
    }),
    expiresAt: timestamp,
    expiresIn: z.number().int().openapi({ description: 'Seconds until it expires.', example: 900 }),
  })
  .openapi('IdToken');

const discoveryRoute = createRoute({
  method: 'get',
  path: '/.well-known/openid-configuration',
  tags: ['OIDC'],
  summary: 'OpenID Connect discovery document of the issuer SpacetimeDB trusts',
  responses: { 200: jsonContent(DiscoverySchema, 'The discovery document.') },
});

const jwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['OIDC'],
  summary: 'Public keys of every ID token that has not expired yet',
  responses: { 200: jsonContent(JwksSchema, 'The JSON Web Key Set.') },
});

const tokenRoute = createRoute({
  method: 'post',
  path: '/v1/auth/token',
  tags: ['OIDC'],
  summary: 'A fresh ID token for the signed-in user',
  description:
    'Tokens live 15 minutes; the client asks for a new one before `expiresAt` and reconnects with it. A banned account is refused with 403 `account_banned`, and every session it had ends.',
  responses: {
    200: jsonContent(IdTokenSchema, 'A new token.'),
    ...errorResponses(401, 403),
  },
});

export function createOidcRoutes(options: OidcRoutesOptions): OpenAPIHono<AppEnv> {
  const { tokens, keys } = options;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const wellKnownCache = `public, max-age=${WELL_KNOWN_MAX_AGE_SECONDS}`;

  app.openapi(discoveryRoute, (c) => {
    c.header('Cache-Control', wellKnownCache);
    return c.json(
      {
        issuer: tokens.issuer,
        jwks_uri: `${tokens.issuer}/.well-known/jwks.json`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        claims_supported: [
          'iss',
          'sub',
          'aud',
          'exp',
          'iat',
          'preferred_username',
          'name',
          'roles',
        ],
      },
      200,
    );
  });

  app.openapi(jwksRoute, async (c) => {
    c.header('Cache-Control', wellKnownCache);
    const published = await keys.publicJwks();
    return c.json({ keys: published.map((jwk) => JwkSchema.parse(jwk)) }, 200);
  });

  app.openapi(tokenRoute, async (c) => {
    const auth = currentUser(c);
    const issued = await tokens.issueIdToken({
      id: auth.userId,
      username: auth.username,
      displayName: auth.displayName,
      isAdmin: auth.role === 'admin',
    });
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        token: issued.token,
        expiresAt: issued.expiresAt.toISOString(),
        expiresIn: Math.max(0, Math.round((issued.expiresAt.getTime() - Date.now()) / 1000)),
      },
      200,
    );
  });

  return app;
}
