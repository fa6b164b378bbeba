import type { ProductType } from 'spacetimedb';

/** One statement's result, as SpacetimeDB's `POST /v1/database/:name/sql` returns it. */
export interface SqlStatementResult {
  readonly schema: ProductType;
  /** Each row as SATS-JSON (a product is a JSON array of its fields). */
  readonly rows: readonly unknown[];
  readonly totalDurationMicros: number;
  readonly stats: {
    readonly rowsInserted: number;
    readonly rowsDeleted: number;
    readonly rowsUpdated: number;
  };
}
