import type { JWK } from 'jose';
import type { SigningKey } from './signing-key.js';

/**
 * Where the issuer's keys come from. Two implementations: keys the API
 * creates and rotates in its data directory (one instance), and keys an
 * operator puts in a setting (several instances must share them).
 */
export interface SigningKeys {
  /** The key that signs a token issued now. */
  signer(): Promise<SigningKey>;
  /** Every public key a verifier may meet in a token that has not expired yet. */
  publicJwks(): Promise<readonly JWK[]>;
}
