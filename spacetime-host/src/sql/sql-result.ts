import type { ProductType } from '../sats/algebraic-type.js';

/** One statement's result, as SpacetimeDB's `POST /v1/database/:name/sql` returns it. */
export interface SqlStatementResult {
  readonly schema: ProductType;
  /**
   * Each row as SATS-JSON (a product is a JSON array of its fields). 64- and
   * 128-bit integers are `bigint`s: write the response with `sqlResultsToJson`.
   */
  readonly rows: readonly unknown[];
  readonly totalDurationMicros: number;
  readonly stats: {
    readonly rowsInserted: number;
    readonly rowsDeleted: number;
    readonly rowsUpdated: number;
  };
}
