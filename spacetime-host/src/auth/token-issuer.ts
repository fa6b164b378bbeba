import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import type { HostKeys } from './host-keys.js';
import { identityFromClaims } from './identity.js';
import { claimsPayloadJson, type SpacetimeClaims } from './token-claims.js';

/** The issuer SpacetimeDB standalone writes into the tokens it mints (`LOCALHOST`). */
export const LOCAL_ISSUER = 'localhost';

/** SpacetimeDB's placeholder audience for the tokens it mints. */
export const LOCAL_AUDIENCE = 'spacetimedb';

export interface IssuedToken {
  readonly identity: bigint;
  readonly token: string;
  readonly claims: SpacetimeClaims;
  /** The signed payload, as the token carries it. */
  readonly payloadJson: string;
}

/**
 * Mints ES256 tokens with the host's key, byte-compatible in shape with
 * SpacetimeDB's (`{"typ":"JWT","alg":"ES256"}` header, claims in its order).
 */
export class TokenIssuer {
  constructor(
    private readonly keys: HostKeys,
    readonly issuer: string = LOCAL_ISSUER,
    private readonly nowMillis: () => number = Date.now,
  ) {}

  /** `SpacetimeAuth::alloc`: a fresh identity with a random UUID subject and no expiry. */
  async issueNewIdentity(): Promise<IssuedToken> {
    const subject = randomUUID();
    const claims: SpacetimeClaims = {
      identity: identityFromClaims(this.issuer, subject),
      issuer: this.issuer,
      subject,
      audience: [LOCAL_AUDIENCE],
      issuedAt: this.nowSeconds(),
      expiresAt: null,
      extra: {},
    };
    return this.signed(claims);
  }

  /**
   * `re_sign_with_expiry`: the same issuer, subject, audience and extra claims,
   * signed by this host with a fresh `iat` and an `exp` `lifetimeSeconds` away.
   * The issuer may be a third party's: the host accepts anything it signed itself.
   */
  async reissue(claims: SpacetimeClaims, lifetimeSeconds: number): Promise<IssuedToken> {
    const issuedAt = this.nowSeconds();
    const fresh: SpacetimeClaims = { ...claims, issuedAt, expiresAt: issuedAt + lifetimeSeconds };
    return this.signed(fresh);
  }

  async signed(claims: SpacetimeClaims): Promise<IssuedToken> {
    const payloadJson = claimsPayloadJson(claims);
    const token = await new CompactSign(new TextEncoder().encode(payloadJson))
      .setProtectedHeader({ typ: 'JWT', alg: 'ES256' })
      .sign(this.keys.privateKey);
    return { identity: claims.identity, token, claims, payloadJson };
  }

  private nowSeconds(): number {
    return Math.floor(this.nowMillis() / 1000);
  }
}
