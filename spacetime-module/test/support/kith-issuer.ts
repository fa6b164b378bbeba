// A stand-in for the API's OIDC issuer: a real discovery document and JWKS on
// 127.0.0.1 (spacetime-host's test issuer), and ID tokens of the contract's
// shape (iss, aud=kith, sub, preferred_username, name, roles) signed ES256.

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import { TestIssuer } from '../../../spacetime-host/test/support/test-oidc-issuer.js';

export const AUDIENCE = 'kith';
const KEY_ID = 'kith-test-1';
const LIFETIME_SECONDS = 15 * 60;

export interface TestUser {
  /** The API user id (`sub`). */
  readonly userId: string;
  readonly username: string;
  readonly displayName?: string;
  readonly roles?: readonly string[];
}

export function testUser(username: string, extra: Partial<TestUser> = {}): TestUser {
  return { userId: randomUUID(), username, ...extra };
}

export class KithIssuer {
  readonly #issuer = new TestIssuer();
  #key: KeyObject | undefined;

  get url(): string {
    return this.#issuer.url;
  }

  async start(): Promise<void> {
    await this.#issuer.start();
    this.#key = await this.#issuer.addKey(KEY_ID, 'ES256');
  }

  stop(): Promise<void> {
    return this.#issuer.stop();
  }

  memberToken(user: TestUser): Promise<string> {
    return this.sign({
      sub: user.userId,
      preferred_username: user.username,
      ...(user.displayName === undefined ? {} : { name: user.displayName }),
      roles: user.roles ?? [],
    });
  }

  serviceToken(): Promise<string> {
    return this.sign({ sub: 'service:api', roles: ['service'] });
  }

  /** A token with these claims over the defaults (iss, aud, iat, exp). */
  sign(claims: Record<string, unknown>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: this.url,
      aud: AUDIENCE,
      iat: now,
      exp: now + LIFETIME_SECONDS,
      ...claims,
    };
    if (this.#key === undefined) throw new Error('start the issuer first');
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: KEY_ID, typ: 'JWT' })
      .sign(this.#key);
  }
}
