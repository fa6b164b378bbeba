import type { SpacetimeClaims } from '../auth/token-claims.js';
import type { DatabaseHandle } from '../database/database-api.js';

/** Who is making an HTTP request: a verified token, or an identity minted for an anonymous caller. */
export interface HttpCaller {
  readonly identity: bigint;
  readonly token: string;
  /** The JWT payload as signed, passed to reducers as `get_jwt_payload`. */
  readonly payloadJson: string;
  readonly claims: SpacetimeClaims;
}

/** Hono context variables set by the middleware in this folder. */
export interface HttpEnv {
  Variables: {
    caller: HttpCaller;
    database: DatabaseHandle;
  };
}
