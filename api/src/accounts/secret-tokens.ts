// Random secrets handed to clients (session tokens, invite codes, reset
// tokens) and the hashes stored in their place: a leaked table gives no
// usable credential. SHA-256 is enough because the secrets are 256-bit random
// values, not passwords.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
