// Recognises PostgreSQL errors by their SQLSTATE. `pg` and PGlite both raise
// errors carrying the server's `code` and `constraint` fields.

interface PostgresErrorFields {
  readonly code?: unknown;
  readonly constraint?: unknown;
}

/** A unique constraint refused a row; `constraint` narrows it to one index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as PostgresErrorFields;
  if (fields.code !== '23505') return false;
  return constraint === undefined || fields.constraint === constraint;
}
