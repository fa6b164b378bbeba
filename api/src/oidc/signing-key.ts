import { randomBytes } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** An ES256 key pair that signs ID tokens, with the public half as published in the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** `{ kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }`: never the private `d`. */
  readonly publicJwk: JWK;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** A fresh P-256 key pair, exported as a private JWK for storage. */
export async function generateSigningJwk(): Promise<JWK & { kid: string }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(pair.privateKey);
  // Random, so two instances creating keys at the same moment never collide.
  return { ...jwk, kid: randomBytes(12).toString('base64url') };
}

/** Imports a stored private JWK, refusing anything but a P-256 private key with a kid. */
export async function signingKeyFromJwk(jwk: JWK, where: string): Promise<SigningKey> {
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.d !== 'string'
  ) {
    throw new SigningKeyError(`${where}: a signing key must be a private EC P-256 JWK`);
  }
  if (typeof jwk.kid !== 'string' || jwk.kid === '') {
    throw new SigningKeyError(`${where}: a signing key needs a "kid"`);
  }
  let privateKey: CryptoKey;
  try {
    privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  } catch (error) {
    throw new SigningKeyError(`${where}: ${(error as Error).message}`, { cause: error });
  }
  const { kty, crv, x, y } = jwk;
  return {
    kid: jwk.kid,
    privateKey,
    publicJwk: { kty, crv, x, y, kid: jwk.kid, alg: 'ES256', use: 'sig' },
  };
}
