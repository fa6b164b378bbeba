// The API's OIDC routes served on a real 127.0.0.1 port, as SpacetimeDB (or
// the local host) reaches them: discovery and JWKS over HTTP.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/database-schema.js';
import { DataDirSigningKeys } from '../../../src/oidc/data-dir-signing-keys.js';
import type { KeyRotationTimes } from '../../../src/oidc/key-rotation-policy.js';
import { createOidcRoutes } from '../../../src/oidc/oidc-routes.js';
import type { SigningKeys } from '../../../src/oidc/signing-keys.js';
import { ID_TOKEN_AUDIENCE, TokenIssuer } from '../../../src/oidc/token-issuer.js';
import { testApp } from '../../media/support/media-test-app.js';

export const TEST_KEY_TIMES: KeyRotationTimes = {
  rotateAfterMs: 30 * 24 * 3_600_000,
  publishAheadMs: 3_600_000,
  tokenLifetimeMs: 15 * 60_000,
  clockSkewMs: 60_000,
};

export interface ServedIssuer {
  /** `http://127.0.0.1:<port>`: the issuer, and where the routes are served. */
  readonly url: string;
  readonly keys: SigningKeys;
  readonly tokens: TokenIssuer;
  readonly app: ReturnType<typeof testApp>;
  close(): Promise<void>;
}

/** Serves the routes with keys in a fresh data directory (or the keys given). */
export async function serveOidcIssuer(
  db: Kysely<Database>,
  options: { keys?: SigningKeys } = {},
): Promise<ServedIssuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-oidc-'));
  const keys =
    options.keys ??
    (await DataDirSigningKeys.open({ dir: path.join(dataDir, 'api-keys'), times: TEST_KEY_TIMES }));
  const tokens = new TokenIssuer({
    keys,
    issuer: url,
    audience: ID_TOKEN_AUDIENCE,
    lifetimeSeconds: 900,
  });
  const app = testApp(db, createOidcRoutes({ tokens, keys }));
  server.on('request', getRequestListener(app.fetch));
  return {
    url,
    keys,
    tokens,
    app,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
