import { describe, expect, it } from 'vitest';
import { isIdentityHex, parseDatabaseName } from './database-name.js';

describe('parseDatabaseName', () => {
  it.each(['chat', 'kith-prod', 'a1-b2-c3', '0'])('accepts %s', (name) => {
    expect(parseDatabaseName(name)).toBe(name);
  });

  it.each([
    ['', 'database names cannot be empty'],
    ['-chat', 'invalid hyphen in database name'],
    ['chat-', 'invalid hyphen in database name'],
    ['a--b', 'invalid hyphen in database name'],
    ['Chat', 'invalid characters in database name'],
    ['chat_room', 'invalid characters in database name'],
    ['c200'.padEnd(64, '0'), 'database names cannot be identities'],
  ])('refuses %j: %s', (name, message) => {
    expect(() => parseDatabaseName(name)).toThrow(message);
  });

  it('recognises identities with or without 0x', () => {
    expect(isIdentityHex('ab'.repeat(32))).toBe(true);
    expect(isIdentityHex(`0x${'ab'.repeat(32)}`)).toBe(true);
    expect(isIdentityHex('ab'.repeat(31))).toBe(false);
  });
});
