import { describe, expect, it } from 'vitest';
import {
  hasClaimsChecksum,
  identityFromClaims,
  identityToBigEndian,
  identityToHex,
  parseIdentityHex,
} from './identity.js';

describe('identityFromClaims', () => {
  it('matches the identity SpacetimeDB put in a token it issued', () => {
    // From a token in SpacetimeDB's C# SDK snapshot tests (sdks/csharp/tests~/SnapshotTests.cs):
    // {"hex_identity":"c200483152d6…","sub":"6d4b5430-00cf-4a99-932c-ad2d07bab841","iss":"localhost",…}
    const identity = identityFromClaims('localhost', '6d4b5430-00cf-4a99-932c-ad2d07bab841');
    expect(identityToHex(identity)).toBe(
      'c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975',
    );
  });

  it('always yields the c200 prefix and a valid checksum', () => {
    for (const [issuer, subject] of [
      ['abc', 'def'],
      ['https://accounts.example.com', '1234567890'],
      ['localhost', 'ü|ß'],
      ['a|b', 'c'],
    ] as const) {
      const identity = identityFromClaims(issuer, subject);
      expect(identityToHex(identity).startsWith('c200')).toBe(true);
      expect(hasClaimsChecksum(identity)).toBe(true);
    }
  });

  it('joins issuer and subject with a pipe, so the split point matters only through the hash', () => {
    expect(identityFromClaims('a|b', 'c')).toBe(identityFromClaims('a', 'b|c'));
    expect(identityFromClaims('ab', 'c')).not.toBe(identityFromClaims('a', 'bc'));
  });

  it('detects a broken checksum', () => {
    const identity = identityFromClaims('localhost', 'x');
    expect(hasClaimsChecksum(identity ^ 1n)).toBe(false);
    expect(hasClaimsChecksum(0n)).toBe(false);
  });
});

describe('identity hex', () => {
  const hex = 'c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975';

  it('round-trips through 64 lowercase digits, zero-padded', () => {
    expect(identityToHex(parseIdentityHex(hex)!)).toBe(hex);
    expect(identityToHex(1n)).toBe(`${'0'.repeat(63)}1`);
  });

  it('accepts a 0x prefix and upper case, like Identity::from_hex', () => {
    expect(parseIdentityHex(`0x${hex}`)).toBe(BigInt(`0x${hex}`));
    expect(parseIdentityHex(hex.toUpperCase())).toBe(BigInt(`0x${hex}`));
  });

  it('rejects anything that is not exactly 32 bytes of hex (it is then a database name)', () => {
    expect(parseIdentityHex(hex.slice(1))).toBeUndefined();
    expect(parseIdentityHex(`${hex}00`)).toBeUndefined();
    expect(parseIdentityHex(`${hex.slice(1)}g`)).toBeUndefined();
    expect(parseIdentityHex('my-database')).toBeUndefined();
    expect(parseIdentityHex('')).toBeUndefined();
  });

  it('orders big-endian bytes most significant first', () => {
    const bytes = identityToBigEndian(parseIdentityHex(hex)!);
    expect(bytes[0]).toBe(0xc2);
    expect(bytes[31]).toBe(0x75);
  });
});
