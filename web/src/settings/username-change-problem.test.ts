import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client/api-error';
import { waitWords } from './password-confirmation-problem';
import { checkNewUsername, USERNAME_RULE, usernameChangeProblem } from './username-change-problem';

const refusal = (code: string, status: number, details?: unknown, retryAfter?: number) =>
  new ApiError(code, `the API's words for ${code}`, status, details, retryAfter);

describe('a new username before it is sent', () => {
  it.each([
    ['ab', USERNAME_RULE],
    ['a'.repeat(21), USERNAME_RULE],
    ['ana-b', USERNAME_RULE],
    ['ana b', USERNAME_RULE],
    ['Ana', 'That is already your username.'],
    [' ana ', 'That is already your username.'],
  ])('"%s" is refused under the name: %s', (typed, message) => {
    expect(checkNewUsername(typed, 'ana')).toEqual({ field: 'username', message });
  });

  it.each(['ana_b', 'Ana_B', '  bea2 '])('"%s" may go', (typed) => {
    expect(checkNewUsername(typed, 'ana')).toBeUndefined();
  });
});

describe('a refused username change, where the person acted', () => {
  it.each([
    [refusal('username_taken', 409), 'username', 'Someone already has that username. Try another.'],
    [
      refusal('username_reserved', 400),
      'username',
      'That username is kept for Kith itself. Choose another.',
    ],
    [refusal('weak_password', 400), 'username', "the API's words for weak_password"],
    [
      refusal('invalid_request', 400, [{ path: 'body.username', message: 'must be 3 to 20' }]),
      'username',
      USERNAME_RULE,
    ],
    [refusal('wrong_password', 403), 'password', 'That is not your password. Try again.'],
    [
      refusal('invalid_request', 400, [{ path: 'password', message: 'is required' }]),
      'password',
      'Enter your password.',
    ],
    [
      refusal('rate_limited', 429, undefined, 1800),
      'form',
      'You have tried to change your username too often. Try again in 30 minutes.',
    ],
    [
      refusal('too_many_attempts', 429, undefined, 30),
      'form',
      'Too many wrong passwords. Wait 30 seconds, then try again.',
    ],
    [refusal('network_error', 0), 'form', "the API's words for network_error"],
  ])('%s goes under the %s', (error, field, message) => {
    expect(usernameChangeProblem(error)).toEqual({ field, message });
  });

  it('does not show the words of an error that is not the API’s', () => {
    expect(usernameChangeProblem(new TypeError('x is undefined'))).toEqual({
      field: 'form',
      message: 'Something went wrong. Try again in a moment.',
    });
  });
});

describe('how long to wait, in words', () => {
  it.each([
    [undefined, 'a little while'],
    [1, 'a second'],
    [45, '45 seconds'],
    [60, 'a minute'],
    [61, '2 minutes'],
    [3600, '60 minutes'],
  ])('%s s: %s', (seconds, words) => {
    expect(waitWords(seconds)).toBe(words);
  });
});
