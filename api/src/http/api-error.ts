// Every error a client can cause, by cause, with the HTTP status it maps to.
// Services throw ApiError; the error handler (error-handler.ts) is the one
// place that turns errors into responses: { error: { code, message, details? } }.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ERROR_STATUS = {
  invalid_request: 400,
  malformed_json: 400,
  weak_password: 400,
  username_reserved: 400,
  invite_invalid: 400,
  invite_expired: 400,
  invite_used_up: 400,
  invite_revoked: 400,
  reset_link_invalid: 400,
  reset_link_expired: 400,
  reset_link_used: 400,
  unauthenticated: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  wrong_password: 403,
  /** A moderator banned the account in the module: no login, no ID token. */
  account_banned: 403,
  forbidden: 403,
  csrf_failed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  username_taken: 409,
  email_taken: 409,
  payload_too_large: 413,
  // 413, not 507: the uploader's own quota is full, which is theirs to fix (4xx,
  // never retried as a server fault); 507 says the server itself ran out of room.
  quota_exceeded: 413,
  unsupported_media_type: 415,
  /** The bytes are of an accepted type but do not decode as one. */
  invalid_media: 422,
  too_many_attempts: 429,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorOptions {
  readonly details?: unknown;
  /** Seconds until the client may try again (sets Retry-After). */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ContentfulStatusCode;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(error: ApiError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
