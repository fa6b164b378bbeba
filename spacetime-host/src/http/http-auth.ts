import type { SpacetimeClaims } from '../auth/token-claims.js';
import type { IssuedToken } from '../auth/token-issuer.js';
import type { TokenVerifier } from '../auth/token-verifier.js';

/** What the HTTP API needs from the host's identity service (`auth/HostAuth` implements it). */
export interface HttpAuth extends TokenVerifier {
  /** PEM of the key this host signs tokens with. */
  readonly publicKeyPem: string;
  issueNewIdentity(): Promise<IssuedToken>;
  /** The same claims, re-signed by this host with an expiry. */
  reissue(claims: SpacetimeClaims, lifetimeSeconds: number): Promise<IssuedToken>;
}
