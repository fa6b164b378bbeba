// What a password must be (NIST SP 800-63B): long enough, not absurdly long
// (argon2 hashes whatever it is given), and not one of the passwords every
// attacker tries first.
import { z } from 'zod';
import { ApiError } from '../../http/api-error.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** The shape every password field has; the stricter checks need the username. */
export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

/** Lower-cased; the most used passwords of at least the minimum length. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'asdfghjkl;',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'abcdefghij',
  'abc1234567',
  'aaaaaaaaaa',
  'changeme123',
  'administrator',
  'superman123',
  'football123',
  'baseball123',
  'trustno1234',
  'monkey12345',
  'princess123',
  'sunshine123',
  'starwars123',
  'whatever123',
]);

export function checkPasswordStrength(password: string, username: string): void {
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || /^(.)\1+$/.test(password)) {
    throw new ApiError(
      'weak_password',
      'That password is one of the first an attacker would try; choose a less common one.',
    );
  }
  if (lowered.includes(username.toLowerCase())) {
    throw new ApiError('weak_password', 'The password must not contain your username.');
  }
}
