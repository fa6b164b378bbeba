import type { JWK } from 'jose';
import { type SigningKey, SigningKeyError, signingKeyFromJwk } from './signing-key.js';
import type { SigningKeys } from './signing-keys.js';

/**
 * Keys an operator manages in the `OIDC_SIGNING_KEYS` setting (a JSON array
 * of private P-256 JWKs with a `kid`), so every API instance signs with the
 * same key. The first key signs; all are published. To rotate: add the new key
 * second, deploy, wait for verifiers to refetch the JWKS (over 5 minutes),
 * move it first, deploy, and remove the old key once its last token expired
 * (15 minutes later).
 */
export class ConfiguredSigningKeys implements SigningKeys {
  private constructor(private readonly keys: readonly [SigningKey, ...SigningKey[]]) {}

  /** Parses the setting's text; throws `SigningKeyError` naming the setting when it is wrong. */
  static async fromSetting(
    text: string,
    setting = 'OIDC_SIGNING_KEYS',
  ): Promise<ConfiguredSigningKeys> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SigningKeyError(`${setting} is not JSON (expected an array of private JWKs)`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0) {
      throw new SigningKeyError(`${setting} must be a non-empty JSON array of private JWKs`);
    }
    const keys = await Promise.all(
      parsed.map((jwk, index) => signingKeyFromJwk(jwk as JWK, `${setting}[${index}]`)),
    );
    const kids = new Set(keys.map((key) => key.kid));
    if (kids.size !== keys.length) throw new SigningKeyError(`${setting} repeats a kid`);
    return new ConfiguredSigningKeys(keys as [SigningKey, ...SigningKey[]]);
  }

  async signer(): Promise<SigningKey> {
    return this.keys[0];
  }

  async publicJwks(): Promise<readonly JWK[]> {
    return this.keys.map((key) => key.publicJwk);
  }
}
