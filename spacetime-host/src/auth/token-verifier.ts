import type { KeyObject } from 'node:crypto';
import { compactVerify, errors, type JWK } from 'jose';
import type { OidcKeySource } from './oidc-key-source.js';
import { type SpacetimeClaims, validateIncomingClaims } from './token-claims.js';
import { TokenRejectedError } from './token-error.js';

/** A caller whose token checked out. */
export interface VerifiedCaller {
  readonly identity: bigint;
  /** The decoded JWT payload. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The JWT payload as JSON text, exactly as signed (what the module's `get_jwt_payload` returns). */
  readonly payloadJson: string;
  /** The claims as SpacetimeDB reads them (identity derived from `iss`/`sub`). */
  readonly spacetimeClaims: SpacetimeClaims;
}

export interface TokenVerifier {
  /** Resolves to the caller, or rejects with a `TokenRejectedError`. */
  verify(token: string): Promise<VerifiedCaller>;
}

/** Asymmetric JWS algorithms accepted from third-party issuers; `none` and `HS*` never are. */
const OIDC_ALGORITHMS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

interface DecodedToken {
  readonly header: { readonly alg?: unknown; readonly kid?: unknown };
  readonly payload: Record<string, unknown>;
  readonly payloadJson: string;
}

/**
 * SpacetimeDB's `FullTokenValidator`: a token signed with the host's own key
 * is accepted whatever its issuer (short-lived websocket tokens keep the
 * original issuer); otherwise, unless it claims to come from this host, it is
 * checked against its issuer's OpenID Connect keys.
 */
export class HostTokenVerifier implements TokenVerifier {
  constructor(
    private readonly localPublicKey: KeyObject,
    private readonly localIssuer: string,
    private readonly oidc: OidcKeySource,
    private readonly nowMillis: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<VerifiedCaller> {
    const decoded = decodeToken(token);
    const alg = decoded.header.alg;
    if (alg === 'none' || (typeof alg === 'string' && alg.startsWith('HS'))) {
      throw new TokenRejectedError(
        'unsupported-algorithm',
        `Invalid token: algorithm "${alg}" is not accepted`,
      );
    }
    if (typeof alg !== 'string') {
      throw new TokenRejectedError('malformed', 'Invalid token: the header has no "alg"');
    }
    let localFailure: TokenRejectedError;
    try {
      await compactVerify(token, this.localPublicKey, { algorithms: ['ES256'] });
      return this.accept(decoded);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw error;
      localFailure = joseFailure(error);
    }
    const issuer = decoded.payload.iss;
    if (typeof issuer !== 'string') {
      throw new TokenRejectedError(
        'invalid-claims',
        'Invalid token: missing or non-string "iss" claim',
      );
    }
    if (issuer === this.localIssuer) {
      if (localFailure.reason === 'bad-signature') {
        throw new TokenRejectedError(
          'bad-signature',
          'Authorization failed: token not signed by this instance',
        );
      }
      throw localFailure;
    }
    return this.verifyWithIssuer(token, decoded, issuer, alg);
  }

  private async verifyWithIssuer(
    token: string,
    decoded: DecodedToken,
    issuer: string,
    alg: string,
  ): Promise<VerifiedCaller> {
    if (!OIDC_ALGORITHMS.has(alg)) {
      throw new TokenRejectedError(
        'unsupported-algorithm',
        `Invalid token: algorithm "${alg}" is not accepted`,
      );
    }
    const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
    const keys = await this.oidc.keysFor(issuer, kid);
    const outcome = await this.tryKeys(token, decoded, keys, kid, alg, issuer);
    if (outcome.caller !== undefined) return outcome.caller;
    if (kid === undefined) {
      // Without a kid, a key the cache does not have yet looks like a bad signature.
      const fresh = await this.oidc.refetchedKeys(issuer);
      if (fresh !== undefined) {
        const retry = await this.tryKeys(token, decoded, fresh, kid, alg, issuer);
        if (retry.caller !== undefined) return retry.caller;
      }
    }
    throw outcome.failure;
  }

  private async tryKeys(
    token: string,
    decoded: DecodedToken,
    keys: readonly JWK[],
    kid: string | undefined,
    alg: string,
    issuer: string,
  ): Promise<{ caller?: VerifiedCaller; failure: TokenRejectedError }> {
    const candidates = keys.filter(
      (key) => (kid === undefined || key.kid === kid) && (key.alg === undefined || key.alg === alg),
    );
    let failure = new TokenRejectedError(
      'unsupported-algorithm',
      `Invalid token: issuer ${issuer} has no key for algorithm ${alg}`,
    );
    for (const key of candidates) {
      try {
        await compactVerify(token, key, { algorithms: [alg] });
        return { caller: this.accept(decoded), failure };
      } catch (error) {
        if (error instanceof TokenRejectedError) throw error;
        failure = joseFailure(error);
      }
    }
    return { failure };
  }

  private accept(decoded: DecodedToken): VerifiedCaller {
    const claims = validateIncomingClaims(decoded.payload, this.nowMillis() / 1000);
    return {
      identity: claims.identity,
      claims: decoded.payload,
      payloadJson: decoded.payloadJson,
      spacetimeClaims: claims,
    };
  }
}

function decodeToken(token: string): DecodedToken {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new TokenRejectedError('malformed', 'Invalid token: a JWT has three dot-separated parts');
  }
  try {
    const header = JSON.parse(base64UrlToText(parts[0] ?? ''));
    const payloadJson = base64UrlToText(parts[1] ?? '');
    const payload = JSON.parse(payloadJson);
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error();
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new Error();
    return { header, payload, payloadJson };
  } catch {
    throw new TokenRejectedError(
      'malformed',
      'Invalid token: the header or payload is not base64url JSON',
    );
  }
}

function base64UrlToText(part: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url'));
}

function joseFailure(error: unknown): TokenRejectedError {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError('bad-signature', 'Invalid token: the signature does not verify', {
      cause: error,
    });
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRejectedError(
      'unsupported-algorithm',
      `Invalid token: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof errors.JOSEError) {
    return new TokenRejectedError('malformed', `Invalid token: ${error.message}`, { cause: error });
  }
  // jose throws a plain TypeError when a key cannot be used with the token's algorithm
  // (e.g. an RSA key for an ES256 token).
  return new TokenRejectedError(
    'unsupported-algorithm',
    `Invalid token: the key cannot verify this algorithm (${(error as Error).message})`,
    { cause: error },
  );
}
