/**
 * A failure with the status and body SpacetimeDB answers with. `body` is sent
 * as JSON when present (e.g. `{"PermissionDenied": …}`), otherwise the message
 * is sent as plain text, which is what the `spacetime` CLI prints.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const NO_SUCH_DATABASE = 'No such database.';

export function noSuchDatabase(): HttpError {
  return new HttpError(404, NO_SUCH_DATABASE);
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}
