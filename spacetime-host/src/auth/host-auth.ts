import path from 'node:path';
import { CachingTokenVerifier } from './caching-token-verifier.js';
import { type HostKeys, loadOrCreateHostKeys } from './host-keys.js';
import { OidcKeySource, type OidcKeySourceOptions } from './oidc-key-source.js';
import type { SpacetimeClaims } from './token-claims.js';
import { type IssuedToken, LOCAL_ISSUER, TokenIssuer } from './token-issuer.js';
import { HostTokenVerifier, type TokenVerifier, type VerifiedCaller } from './token-verifier.js';

export interface HostAuthOptions extends OidcKeySourceOptions {
  /** The issuer of the tokens this host mints; SpacetimeDB standalone uses `localhost`. */
  readonly localIssuer?: string;
}

/** Where a data directory keeps the host's signing keys. */
export function hostKeyDir(dataDir: string): string {
  return path.join(dataDir, 'host-keys');
}

/**
 * Everything the HTTP API needs about identities: minting tokens with the
 * host's key, publishing its public key, and verifying callers' tokens.
 */
export class HostAuth implements TokenVerifier {
  private readonly issuer: TokenIssuer;
  private readonly verifier: TokenVerifier;

  constructor(
    readonly keys: HostKeys,
    options: HostAuthOptions = {},
  ) {
    const localIssuer = options.localIssuer ?? LOCAL_ISSUER;
    this.issuer = new TokenIssuer(keys, localIssuer, options.nowMillis);
    const verifier = new HostTokenVerifier(
      keys.publicKey,
      localIssuer,
      new OidcKeySource(options),
      options.nowMillis,
    );
    this.verifier = new CachingTokenVerifier(verifier, {
      ...(options.nowMillis === undefined ? {} : { nowMillis: options.nowMillis }),
    });
  }

  /** Loads (or creates, on first start) the keys in `<dataDir>/host-keys/`. */
  static async open(dataDir: string, options: HostAuthOptions = {}): Promise<HostAuth> {
    return new HostAuth(await loadOrCreateHostKeys(hostKeyDir(dataDir)), options);
  }

  get publicKeyPem(): string {
    return this.keys.publicKeyPem;
  }

  get localIssuer(): string {
    return this.issuer.issuer;
  }

  issueNewIdentity(): Promise<IssuedToken> {
    return this.issuer.issueNewIdentity();
  }

  /** A token for the same caller, signed by this host, valid for `lifetimeSeconds`. */
  reissue(claims: SpacetimeClaims, lifetimeSeconds: number): Promise<IssuedToken> {
    return this.issuer.reissue(claims, lifetimeSeconds);
  }

  verify(token: string): Promise<VerifiedCaller> {
    return this.verifier.verify(token);
  }
}
