import type { Context } from 'hono';
import { productTypeToJson } from '../sats/sats-type-json.js';
import { withConnection } from './call-route.js';
import type { HttpEnv } from './http-env.js';
import type { HttpSettings } from './http-options.js';
import { boolParam } from './query-params.js';
import { readTextBody } from './request-body.js';
import { jsonResponse } from './responses.js';

/**
 * `POST /v1/database/:name_or_identity/sql`: the body is the query text; the
 * answer is one `{schema, rows, total_duration_micros, stats}` per statement.
 * A refused query (`SqlError`) is a 400 with its message, as in SpacetimeDB;
 * like a call, it runs inside a connection of its own.
 */
export async function sqlRoute(c: Context<HttpEnv>, settings: HttpSettings): Promise<Response> {
  boolParam(c, 'confirmed', false); // Every result here is already durable when it is returned.
  const query = await readTextBody(c, settings.maxRequestBytes);
  const database = c.get('database');
  const results = await withConnection(database, c.get('caller'), (caller) =>
    database.sql(query, caller),
  );
  const total = results.reduce((sum, result) => sum + result.totalDurationMicros, 0);
  return jsonResponse(
    results.map((result) => ({
      schema: productTypeToJson(result.schema),
      rows: result.rows,
      total_duration_micros: Math.round(result.totalDurationMicros),
      stats: {
        rows_inserted: result.stats.rowsInserted,
        rows_deleted: result.stats.rowsDeleted,
        rows_updated: result.stats.rowsUpdated,
      },
    })),
    200,
    { 'spacetime-execution-duration-micros': String(Math.round(total)) },
  );
}
