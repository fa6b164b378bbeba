// The one place errors become responses. ApiError carries its own status and
// code; Hono's HTTPExceptions (malformed JSON, body limits) are given codes;
// anything else is our bug: logged with the request id and answered 500
// without internals.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, errorBody } from './api-error.js';
import type { AppEnv } from './app-env.js';

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) {
      return new ApiError('payload_too_large', 'The request body is too large.');
    }
    if (error.status === 400 && /json/i.test(error.message)) {
      return new ApiError('malformed_json', 'The request body is not valid JSON.');
    }
    if (error.status === 400) return new ApiError('invalid_request', error.message);
    if (error.status === 401) return new ApiError('unauthenticated', error.message);
    if (error.status === 403) return new ApiError('forbidden', error.message);
    if (error.status === 404) return new ApiError('not_found', error.message);
  }
  return undefined;
}

export function handleError(error: unknown, c: Context<AppEnv>): Response {
  const apiError = toApiError(error);
  if (apiError !== undefined) {
    if (apiError.retryAfterSeconds !== undefined) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(apiError.retryAfterSeconds))));
    }
    return c.json(errorBody(apiError), apiError.status);
  }
  const logger = c.get('logger');
  logger?.error({ err: error }, 'unhandled error');
  const internal = new ApiError(
    'internal_error',
    `Something went wrong on our side. If it keeps happening, report request id ${c.get('requestId') ?? '(none)'}.`,
  );
  return c.json(errorBody(internal), 500);
}

export function handleNotFound(c: Context<AppEnv>): Response {
  const notFound = new ApiError('not_found', `There is no route ${c.req.method} ${c.req.path}.`);
  return c.json(errorBody(notFound), 404);
}
