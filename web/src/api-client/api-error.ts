// The one error every API call fails with: the API's `{ error: { code,
// message, details? } }` body, or a failure to reach the API at all, so a
// form can show the API's own words next to the control the person used.

/** Codes the API answers with, plus `network_error` when there was no answer. */
export type ApiErrorCode = string;

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The problems the API found with individual fields (`details` of a 400), if any. */
  fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (item): item is FieldProblem =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as FieldProblem).path === 'string' &&
        typeof (item as FieldProblem).message === 'string',
    );
  }

  /** The problem with one field (`body.username` or `username`), if the API named it. */
  problemWith(field: string): string | undefined {
    return this.fieldProblems().find((p) => p.path === field || p.path === `body.${field}`)
      ?.message;
  }
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(
    'network_error',
    'Kith could not be reached. Check your connection and try again.',
    0,
  );
  error.cause = cause;
  return error;
}

/** Reads an error response into an ApiError, whatever its body turned out to be. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    return new ApiError(
      error.code,
      error.message,
      response.status,
      error.details,
      retryAfterSeconds,
    );
  }
  return new ApiError(
    response.status >= 500 ? 'internal_error' : 'unexpected_response',
    response.status >= 500
      ? 'Kith had a problem on its side. Try again in a moment.'
      : `Kith answered in a way this app does not understand (HTTP ${response.status}).`,
    response.status,
    undefined,
    retryAfterSeconds,
  );
}
