import { describe, expect, it } from 'vitest';
import { identityFromClaims, identityToHex } from './identity.js';
import { claimsPayloadJson, validateIncomingClaims } from './token-claims.js';
import { TokenRejectedError } from './token-error.js';

const NOW = 1_700_000_000;
const base = { iss: 'localhost', sub: 'alice', iat: NOW - 10 };

function rejection(payload: unknown): TokenRejectedError {
  try {
    validateIncomingClaims(payload, NOW);
  } catch (error) {
    if (error instanceof TokenRejectedError) return error;
    throw error;
  }
  throw new Error('expected the claims to be rejected');
}

describe('validateIncomingClaims', () => {
  it('derives the identity from iss/sub and keeps unknown claims as extra', () => {
    const claims = validateIncomingClaims({ ...base, aud: 'app', email: 'a@example.com' }, NOW);
    expect(claims.identity).toBe(identityFromClaims('localhost', 'alice'));
    expect(claims.audience).toEqual(['app']);
    expect(claims.expiresAt).toBeNull();
    expect(claims.extra).toEqual({ email: 'a@example.com' });
  });

  it('accepts a matching hex_identity (with or without 0x) and exp: null', () => {
    const hex = identityToHex(identityFromClaims('localhost', 'alice'));
    expect(() =>
      validateIncomingClaims({ ...base, hex_identity: hex, exp: null }, NOW),
    ).not.toThrow();
    expect(() => validateIncomingClaims({ ...base, hex_identity: `0x${hex}` }, NOW)).not.toThrow();
  });

  it('rejects a hex_identity that does not match iss/sub', () => {
    const other = identityToHex(identityFromClaims('localhost', 'bob'));
    const error = rejection({ ...base, hex_identity: other });
    expect(error.reason).toBe('invalid-claims');
    expect(error.message).toMatch(/Identity mismatch/);
  });

  it.each([
    [{ sub: 'alice', iat: NOW }, /"iss"/],
    [{ iss: 'localhost', iat: NOW }, /"sub"/],
    [{ iss: 'localhost', sub: 'alice' }, /"iat"/],
    [{ ...base, iss: '' }, /Issuer empty/],
    [{ ...base, sub: '' }, /Subject empty/],
    [{ ...base, iss: 'x'.repeat(129) }, /Issuer too long/],
    [{ ...base, sub: 'é'.repeat(65) }, /Subject too long/],
    [{ ...base, aud: [1] }, /"aud"/],
    [{ ...base, exp: 'tomorrow' }, /"exp"/],
    [{ ...base, iss: 42 }, /"iss"/],
    [[1, 2], /not a JSON object/],
  ])('rejects bad claims %j', (payload, message) => {
    const error = rejection(payload);
    expect(error.reason).toBe('invalid-claims');
    expect(error.message).toMatch(message);
  });

  it('rejects expired tokens after a 60 s leeway', () => {
    expect(() => validateIncomingClaims({ ...base, exp: NOW - 30 }, NOW)).not.toThrow();
    expect(rejection({ ...base, exp: NOW - 61 }).reason).toBe('expired');
  });

  it('rejects tokens whose nbf is in the future after a 60 s leeway', () => {
    expect(() => validateIncomingClaims({ ...base, nbf: NOW + 30 }, NOW)).not.toThrow();
    expect(rejection({ ...base, nbf: NOW + 61 }).reason).toBe('not-yet-valid');
  });
});

describe('claimsPayloadJson', () => {
  it('writes the claims in SpacetimeDB order with extras last', () => {
    const claims = validateIncomingClaims({ ...base, aud: ['spacetimedb'], role: 'admin' }, NOW);
    const json = claimsPayloadJson(claims);
    expect(Object.keys(JSON.parse(json))).toEqual([
      'hex_identity',
      'sub',
      'iss',
      'aud',
      'iat',
      'exp',
      'role',
    ]);
    expect(JSON.parse(json).exp).toBeNull();
  });
});
