/**
 * Why a SQL statement was refused, worded as SpacetimeDB words it (its
 * sql-parser, expr and execution crates), so `spacetime sql` users see the
 * same messages. Every kind is the caller's mistake (HTTP 400), except that a
 * `write` failure comes from the datastore (e.g. a unique constraint).
 */
export type SqlErrorKind =
  /** Not SQL at all, e.g. `sql parser error: Expected ...`. */
  | 'syntax'
  /** Valid SQL that SpacetimeDB does not support, e.g. `ORDER BY`. */
  | 'unsupported'
  /** Unknown names, type mismatches, bad literals. */
  | 'type'
  /** The caller may not run this statement (DML by a non-owner). */
  | 'unauthorized'
  /** The statement ran and failed, e.g. a unique constraint or the row limit. */
  | 'execution';

export class SqlError extends Error {
  override readonly name = 'SqlError';
  constructor(
    readonly kind: SqlErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function syntaxError(message: string): SqlError {
  return new SqlError('syntax', `sql parser error: ${message}`);
}

export function unsupported(message: string): SqlError {
  return new SqlError('unsupported', message);
}

export function typeError(message: string): SqlError {
  return new SqlError('type', message);
}
