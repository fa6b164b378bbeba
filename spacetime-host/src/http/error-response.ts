import { TokenRejectedError } from '../auth/token-error.js';
import {
  ConnectionRejectedError,
  DatabaseClosedError,
  DatabaseRequestError,
  IncompatibleUpdateError,
  InvalidArgumentsError,
  LifecycleReducerError,
  NoSuchProcedureError,
  NoSuchReducerError,
  NoSuchViewError,
  NotOwnerError,
  PublishError,
} from '../database/database-errors.js';
import { SqlError } from '../sql/sql-error.js';
import { HttpError } from './http-error.js';
import { jsonResponse, textResponse } from './responses.js';

/** SpacetimeDB's status for each way a database refuses a request (routes/database.rs). */
function databaseErrorStatus(error: DatabaseRequestError): number {
  if (error instanceof NoSuchReducerError) return 404;
  if (error instanceof NoSuchProcedureError) return 404;
  if (error instanceof NoSuchViewError) return 404;
  if (error instanceof LifecycleReducerError) return 400;
  if (error instanceof InvalidArgumentsError) return 400;
  // `client_connected` refused the caller.
  if (error instanceof ConnectionRejectedError) return 403;
  if (error instanceof NotOwnerError) return 403;
  if (error instanceof IncompatibleUpdateError) return 400;
  if (error instanceof PublishError) return 400;
  return 400;
}

/**
 * The one place failures become responses: `HttpError`s carry their own
 * status, a database's refusals and SQL errors map to SpacetimeDB's statuses, rejected tokens
 * are 401 with the reason (SpacetimeDB's `AuthorizationRejection::Custom`),
 * and anything else is a logged 500.
 */
export function errorResponse(
  error: unknown,
  logError: (message: string, error: unknown) => void,
): Response {
  if (error instanceof HttpError) {
    return error.body === undefined
      ? textResponse(error.message, error.status)
      : jsonResponse(error.body, error.status);
  }
  if (error instanceof TokenRejectedError) return textResponse(error.message, 401);
  if (error instanceof DatabaseRequestError) {
    return textResponse(error.message, databaseErrorStatus(error));
  }
  // SpacetimeDB answers 400 for every query it refuses or that fails to execute.
  if (error instanceof SqlError) return textResponse(error.message, 400);
  if (error instanceof DatabaseClosedError) return textResponse(error.message, 503);
  logError('spacetime-host: unexpected failure while serving a request', error);
  const message = error instanceof Error ? error.message : String(error);
  return textResponse(`Internal server error: ${message}`, 500);
}
