// The words shown for a failure: the API's and the module's messages are
// written for people, so they are shown as they are; anything else is not.
import { ApiError } from '../api-client/api-error';
import { ActionError } from '../live/act';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof ActionError) return error.message;
  return 'Something went wrong. Try again in a moment.';
}
