// Where a refused email change is shown and in which words: a taken or
// malformed address under the address, the password's problems as in every
// change confirmed with it.
import { ApiError } from '../api-client/api-error';
import { errorMessage } from '../ui/error-message';
import type { FormProblem } from '../ui/field-problems';
import { passwordConfirmationProblem, waitWords } from './password-confirmation-problem';

export type EmailChangeProblem = FormProblem<'email' | 'password'>;

/** The API's refusal of an email change, placed at the control it is about. */
export function emailChangeProblem(error: unknown): EmailChangeProblem {
  if (error instanceof ApiError) {
    if (error.code === 'email_taken') {
      return { field: 'email', message: 'Another account uses that address. Use another.' };
    }
    if (error.code === 'rate_limited') {
      return {
        field: 'form',
        message: `You have changed your account too often. Try again in ${waitWords(error.retryAfterSeconds)}.`,
      };
    }
    if (error.code === 'invalid_request' && error.problemWith('email') !== undefined) {
      return {
        field: 'email',
        message: 'Enter an address such as alice@example.com, or leave it empty.',
      };
    }
  }
  return passwordConfirmationProblem(error) ?? { field: 'form', message: errorMessage(error) };
}
