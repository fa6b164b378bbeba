import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { databaseNameProblem, parseNameOrIdentity } from './name-or-identity.js';

const IDENTITY = 'c2009ae34530f624eb9f1e5d9f2add0fd9b046c5b1590e5abe522f43ded7adca';

describe('databaseNameProblem', () => {
  it('accepts lowercase letters and digits in groups joined by single hyphens', () => {
    for (const name of ['bench', 'a', '0', 'my-game-2', 'a-b-c', '123-456']) {
      expect(databaseNameProblem(name)).toBeUndefined();
    }
  });

  it("names SpacetimeDB's reason for each kind of invalid name", () => {
    expect(databaseNameProblem('')).toBe('database names cannot be empty');
    expect(databaseNameProblem(IDENTITY)).toBe('database names cannot be identities');
    expect(databaseNameProblem('-game')).toBe('invalid hyphen in database name');
    expect(databaseNameProblem('game-')).toBe('invalid hyphen in database name');
    expect(databaseNameProblem('my--game')).toBe('invalid hyphen in database name');
    expect(databaseNameProblem('Game')).toBe('invalid characters in database name');
    expect(databaseNameProblem('my_game')).toBe('invalid characters in database name');
    expect(databaseNameProblem('café')).toBe('invalid characters in database name');
    expect(databaseNameProblem('game-É')).toBe('invalid hyphen in database name');
  });
});

describe('parseNameOrIdentity', () => {
  it('reads an identity in hex, or else a valid name', () => {
    expect(parseNameOrIdentity(IDENTITY)).toEqual({
      kind: 'identity',
      identity: BigInt(`0x${IDENTITY}`),
    });
    expect(parseNameOrIdentity('bench')).toEqual({ kind: 'name', name: 'bench' });
  });

  it('refuses an invalid name with a 400', () => {
    expect(() => parseNameOrIdentity('Bad Name')).toThrow(HttpError);
    try {
      parseNameOrIdentity('Bad Name');
    } catch (error) {
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).message).toBe('Invalid URL: invalid characters in database name');
    }
  });
});
