// Usernames: 3–20 characters of a–z, 0–9 and _, compared case-insensitively
// (stored lower-cased, as the module's preferred_username claim expects), and
// none of the names that would let someone pose as the service.
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';

export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'root',
  'kith',
  'api',
  'app',
  'www',
  'mail',
  'support',
  'help',
  'system',
  'service',
  'services',
  'staff',
  'moderator',
  'mod',
  'official',
  'security',
  'everyone',
  'here',
  'all',
  'null',
  'undefined',
  'nobody',
  'anonymous',
  'me',
  'you',
  'owner',
  'spacetimedb',
  'postmaster',
  'webmaster',
  'hostmaster',
  'abuse',
  'noreply',
  'no_reply',
]);

export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,20}$/, 'must be 3 to 20 characters of letters, digits and _');

export function checkUsernameAllowed(username: string): void {
  if (RESERVED_USERNAMES.has(username)) {
    throw new ApiError(
      'username_reserved',
      `The username "${username}" is reserved; choose another.`,
    );
  }
}
