// Refusals every change confirmed with the password shares (email, username):
// a wrong or missing password goes under the password field; too many wrong
// ones, or no answer from Kith, under the button.
import { ApiError } from '../api-client/api-error';
import { errorMessage } from '../ui/error-message';
import type { FormProblem } from '../ui/field-problems';

/** The problem when it is about the password or the connection; undefined for the form's own. */
export function passwordConfirmationProblem(error: unknown): FormProblem<'password'> | undefined {
  if (!(error instanceof ApiError)) return { field: 'form', message: errorMessage(error) };
  switch (error.code) {
    case 'wrong_password':
      return { field: 'password', message: 'That is not your password. Try again.' };
    case 'too_many_attempts':
      return {
        field: 'form',
        message: `Too many wrong passwords. Wait ${waitWords(error.retryAfterSeconds)}, then try again.`,
      };
    case 'invalid_request':
      return error.problemWith('password') === undefined
        ? undefined
        : { field: 'password', message: 'Enter your password.' };
    default:
      return undefined;
  }
}

/** "a minute", "12 minutes", "30 seconds"; "a little while" when the API did not say. */
export function waitWords(seconds: number | undefined): string {
  if (seconds === undefined) return 'a little while';
  if (seconds < 60) return seconds <= 1 ? 'a second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
