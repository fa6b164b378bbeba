import { SignJWT } from 'jose';
import type { SigningKeys } from './signing-keys.js';

/** Who a token is for: what the module learns about a user from the claims. */
export interface TokenUser {
  readonly id: string;
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly isAdmin: boolean;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface TokenIssuerOptions {
  readonly keys: SigningKeys;
  /** The API's public URL without a trailing slash (`iss`). */
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
  readonly nowMs?: () => number;
}

/** The `sub` of the API's own connection to the module (see the API ↔ module contract). */
export const SERVICE_SUBJECT = 'service:api';
export const ID_TOKEN_AUDIENCE = 'kith';

/**
 * Signs the short-lived ES256 ID tokens SpacetimeDB accepts: one per user
 * session refresh, and the service token the API itself calls the module with.
 */
export class TokenIssuer {
  private readonly nowMs: () => number;

  constructor(private readonly options: TokenIssuerOptions) {
    if (options.issuer.endsWith('/')) {
      throw new RangeError(`The issuer must not end with "/": ${options.issuer}`);
    }
    this.nowMs = options.nowMs ?? Date.now;
  }

  get issuer(): string {
    return this.options.issuer;
  }

  issueIdToken(user: TokenUser): Promise<IssuedToken> {
    return this.sign(user.id, {
      preferred_username: user.username,
      ...(user.displayName ? { name: user.displayName } : {}),
      roles: user.isAdmin ? ['admin'] : [],
    });
  }

  issueServiceToken(): Promise<IssuedToken> {
    return this.sign(SERVICE_SUBJECT, { roles: ['service'] });
  }

  private async sign(subject: string, claims: Record<string, unknown>): Promise<IssuedToken> {
    const key = await this.options.keys.signer();
    const issuedAt = Math.floor(this.nowMs() / 1000);
    const expiresAt = issuedAt + this.options.lifetimeSeconds;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
