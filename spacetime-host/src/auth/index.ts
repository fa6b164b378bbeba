export { HostAuth, type HostAuthOptions, hostKeyDir } from './host-auth.js';
export {
  type HostKeys,
  HostKeysError,
  loadOrCreateHostKeys,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
} from './host-keys.js';
export {
  hasClaimsChecksum,
  identityFromClaims,
  identityToBigEndian,
  identityToHex,
  parseIdentityHex,
} from './identity.js';
export { OidcKeySource, type OidcKeySourceOptions } from './oidc-key-source.js';
export {
  CLOCK_LEEWAY_SECONDS,
  claimsPayloadJson,
  type SpacetimeClaims,
  validateIncomingClaims,
} from './token-claims.js';
export { TokenRejectedError, type TokenRejectionReason } from './token-error.js';
export { type IssuedToken, LOCAL_AUDIENCE, LOCAL_ISSUER, TokenIssuer } from './token-issuer.js';
export { HostTokenVerifier, type TokenVerifier, type VerifiedCaller } from './token-verifier.js';
