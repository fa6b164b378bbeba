import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { ConfiguredSigningKeys } from './configured-signing-keys.js';
import { DataDirSigningKeys } from './data-dir-signing-keys.js';
import type { KeyRotationTimes } from './key-rotation-policy.js';
import { createOidcRoutes } from './oidc-routes.js';
import type { OidcConfig } from './oidc-settings.js';
import type { SigningKeys } from './signing-keys.js';
import { ID_TOKEN_AUDIENCE, TokenIssuer } from './token-issuer.js';

/** ID tokens live 15 minutes (the API ↔ module contract). */
export const ID_TOKEN_LIFETIME_SECONDS = 15 * 60;

export interface Oidc {
  readonly keys: SigningKeys;
  /** `issueIdToken(user)` for sessions, `issueServiceToken()` for the API's module calls. */
  readonly tokens: TokenIssuer;
  readonly routes: OpenAPIHono<AppEnv>;
}

/**
 * The issuer SpacetimeDB trusts: keys from OIDC_SIGNING_KEYS when set,
 * otherwise created and rotated in `${dataDir}/api-keys`.
 */
export async function createOidc(options: {
  readonly config: OidcConfig;
  readonly dataDir: string;
  /** PUBLIC_URL without a trailing slash: the tokens' `iss`. */
  readonly publicUrl: string;
}): Promise<Oidc> {
  const times: KeyRotationTimes = {
    rotateAfterMs: options.config.keyRotationDays * 24 * 3_600_000,
    // Longer than any verifier caches our JWKS (SpacetimeDB: 5 minutes; we send max-age 300).
    publishAheadMs: 3_600_000,
    tokenLifetimeMs: ID_TOKEN_LIFETIME_SECONDS * 1000,
    clockSkewMs: 60_000,
  };
  const keys =
    options.config.signingKeys === undefined
      ? await DataDirSigningKeys.open({ dir: path.join(options.dataDir, 'api-keys'), times })
      : await ConfiguredSigningKeys.fromSetting(options.config.signingKeys);
  const tokens = new TokenIssuer({
    keys,
    issuer: options.publicUrl,
    audience: ID_TOKEN_AUDIENCE,
    lifetimeSeconds: ID_TOKEN_LIFETIME_SECONDS,
  });
  return { keys, tokens, routes: createOidcRoutes({ tokens, keys }) };
}
