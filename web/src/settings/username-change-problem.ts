// Where a refused username change is shown and in which words: a problem
// with the name goes under the name, a wrong password under the password,
// and being made to wait under the button, with how long.
import { isValidUsername, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@kith/shared/names';
import { ApiError } from '../api-client/api-error';
import { errorMessage } from '../ui/error-message';
import type { FormProblem } from '../ui/field-problems';
import { passwordConfirmationProblem, waitWords } from './password-confirmation-problem';

export type UsernameChangeProblem = FormProblem<'username' | 'password'>;

export const USERNAME_RULE = `Use ${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits or _.`;

/** The problem with what was typed, found before asking the API; undefined when it may go. */
export function checkNewUsername(
  typed: string,
  current: string,
): UsernameChangeProblem | undefined {
  const wanted = typed.trim().toLowerCase();
  if (!isValidUsername(wanted)) return { field: 'username', message: USERNAME_RULE };
  if (wanted === current.toLowerCase()) {
    return { field: 'username', message: 'That is already your username.' };
  }
  return undefined;
}

/** The API's refusal, placed at the control it is about. */
export function usernameChangeProblem(error: unknown): UsernameChangeProblem {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'username_taken':
        return { field: 'username', message: 'Someone already has that username. Try another.' };
      case 'username_reserved':
        return {
          field: 'username',
          message: 'That username is kept for Kith itself. Choose another.',
        };
      case 'weak_password':
        // The password contains the new name: the API's words say what to do.
        return { field: 'username', message: error.message };
      case 'rate_limited':
        return {
          field: 'form',
          message: `You have tried to change your username too often. Try again in ${waitWords(error.retryAfterSeconds)}.`,
        };
      case 'invalid_request':
        if (error.problemWith('username') !== undefined) {
          return { field: 'username', message: USERNAME_RULE };
        }
    }
  }
  return passwordConfirmationProblem(error) ?? { field: 'form', message: errorMessage(error) };
}
