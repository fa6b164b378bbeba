import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client/api-error';
import { emailChangeProblem } from './email-change-problem';

const refusal = (code: string, status: number, details?: unknown, retryAfter?: number) =>
  new ApiError(code, `the API's words for ${code}`, status, details, retryAfter);

describe('emailChangeProblem', () => {
  it.each([
    [refusal('email_taken', 409), 'email', 'Another account uses that address. Use another.'],
    [
      refusal('invalid_request', 400, [{ path: 'body.email', message: 'is not an email' }]),
      'email',
      'Enter an address such as alice@example.com, or leave it empty.',
    ],
    [
      refusal('invalid_request', 400, [{ path: 'body.password', message: 'is required' }]),
      'password',
      'Enter your password.',
    ],
    [refusal('wrong_password', 403), 'password', 'That is not your password. Try again.'],
    [
      refusal('too_many_attempts', 429, undefined, 120),
      'form',
      'Too many wrong passwords. Wait 2 minutes, then try again.',
    ],
    [
      refusal('rate_limited', 429, undefined, 30),
      'form',
      'You have changed your account too often. Try again in 30 seconds.',
    ],
    [refusal('internal_error', 500), 'form', "the API's words for internal_error"],
    [new TypeError('fetch failed'), 'form', 'Something went wrong. Try again in a moment.'],
  ])('places %s under %s', (error, field, message) => {
    expect(emailChangeProblem(error)).toEqual({ field, message });
  });
});
