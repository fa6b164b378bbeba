import { stringifySatsJson } from '../sats/sats-json-text.js';
import { productTypeToJson } from '../sats/sats-type-json.js';
import type { SqlStatementResult } from './sql-result.js';

/**
 * The body of a `POST /sql` response, as SpacetimeDB's `SqlStmtResult`
 * serialises (crates/client-api-messages/src/http.rs): snake_case fields,
 * the schema as a SATS-JSON `ProductType`, exact 64-bit integers.
 */
export function sqlResultsToJson(results: readonly SqlStatementResult[]): string {
  return stringifySatsJson(
    results.map((r) => ({
      schema: productTypeToJson(r.schema),
      rows: r.rows,
      total_duration_micros: r.totalDurationMicros,
      stats: {
        rows_inserted: r.stats.rowsInserted,
        rows_deleted: r.stats.rowsDeleted,
        rows_updated: r.stats.rowsUpdated,
      },
    })),
  );
}
