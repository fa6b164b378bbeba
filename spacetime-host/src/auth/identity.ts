import { blake3 } from '@noble/hashes/blake3.js';

/**
 * SpacetimeDB's `Identity::from_claims`: the identity of a JWT's `iss`/`sub`
 * pair. The big-endian bytes are `c2 00 | checksum[0..4] | id_hash[0..26]`,
 * where `id_hash = blake3("{iss}|{sub}")` and the checksum is
 * `blake3(c2 00 | id_hash)`, so every derived identity prints as `c200…`.
 */
export function identityFromClaims(issuer: string, subject: string): bigint {
  const idHash = blake3(new TextEncoder().encode(`${issuer}|${subject}`)).subarray(0, 26);
  const checksumInput = new Uint8Array(28);
  checksumInput[0] = 0xc2;
  checksumInput.set(idHash, 2);
  const checksum = blake3(checksumInput);
  const bytes = new Uint8Array(32);
  bytes[0] = 0xc2;
  bytes.set(checksum.subarray(0, 4), 2);
  bytes.set(idHash, 6);
  return bigintFromBigEndian(bytes);
}

/** True when `identity` carries the `c200` prefix and a valid checksum, as derived identities do. */
export function hasClaimsChecksum(identity: bigint): boolean {
  const bytes = identityToBigEndian(identity);
  if (bytes[0] !== 0xc2 || bytes[1] !== 0x00) return false;
  const checksumInput = new Uint8Array(28);
  checksumInput[0] = 0xc2;
  checksumInput.set(bytes.subarray(6), 2);
  const checksum = blake3(checksumInput);
  return checksum.subarray(0, 4).every((byte, i) => byte === bytes[2 + i]);
}

/** The 64 lowercase hex digits SpacetimeDB prints for an identity (no `0x`). */
export function identityToHex(identity: bigint): string {
  return identity.toString(16).padStart(64, '0');
}

/**
 * Parses an identity as SpacetimeDB's `Identity::from_hex` does: exactly 64
 * hex digits, optionally prefixed by `0x`. Returns undefined for anything else
 * (which SpacetimeDB then treats as a database name).
 */
export function parseIdentityHex(text: string): bigint | undefined {
  let digits = text;
  if (digits.startsWith('0x')) digits = digits.slice(2);
  else if (digits.startsWith("X'")) digits = digits.slice(2);
  if (!/^[0-9a-fA-F]{64}$/.test(digits)) return undefined;
  return BigInt(`0x${digits}`);
}

export function identityToBigEndian(identity: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  let rest = identity;
  for (let i = 31; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

function bigintFromBigEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
