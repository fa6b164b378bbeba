/**
 * Why a subscription was refused or ended, worded as SpacetimeDB words the
 * `error` of a v2 `SubscriptionError`: query failures end with
 * ``, executing: `<sql>` `` as its `DBError::WithSql` does.
 */
export type SubscriptionErrorKind =
  /** The SQL is not a valid subscription query for this caller (syntax, names, types, joins). */
  | 'sql'
  /** The query set id is already in use, or unknown when unsubscribing. */
  | 'query-set'
  /** Computing the rows failed (a view threw). */
  | 'evaluation';

export class SubscriptionSqlError extends Error {
  override readonly name = 'SubscriptionSqlError';
  constructor(
    readonly kind: SubscriptionErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `error` about query `sql`, as SpacetimeDB's `DBError::WithSql` prints it. */
export function errorWithSql(
  kind: SubscriptionErrorKind,
  error: unknown,
  sql: string,
): SubscriptionSqlError {
  const message = error instanceof Error ? error.message : String(error);
  return new SubscriptionSqlError(kind, `${message}, executing: \`${sql}\``, { cause: error });
}
