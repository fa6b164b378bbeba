// The unique indexes on username and email decide races between identical
// sign-ups and profile changes; this names the loser's conflict.
import { isUniqueViolation } from '../db/database-errors.js';
import { ApiError } from '../http/api-error.js';

export function duplicateAccountError(error: unknown): ApiError | undefined {
  if (isUniqueViolation(error, 'users_username_key')) {
    return new ApiError('username_taken', 'That username is taken; choose another.');
  }
  if (isUniqueViolation(error, 'users_email_key')) {
    return new ApiError('email_taken', 'That email address belongs to another account.');
  }
  return undefined;
}
