import type { ReadTx } from '../datastore/datastore.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { parseSql } from '../sql/parse-sql.js';
import { SchemaView } from '../sql/schema-view.js';
import { forEachTuple, planSelect } from '../sql/select-plan.js';
import { unsupported } from '../sql/sql-error.js';
import { typeSelect } from '../sql/type-select.js';
import type { TableRows } from '../subscription/query-set-update.js';

/** Who asks, for table visibility (private tables are the owner's) and `:sender`. */
export interface OneOffCaller {
  readonly identity: bigint;
  readonly isOwner: boolean;
}

/**
 * Runs a one-off query the way SpacetimeDB's v2 `OneOffQuery` does: as a
 * subscription query (`SELECT * | t.* FROM ... [JOIN ...] [WHERE ...]`, no
 * LIMIT, no column list) over the committed state, returning the selected
 * table's rows. Used when the subscription engine does not answer one-off
 * queries itself. Throws `SqlError` for a query it refuses.
 */
export function runOneOffQuery(
  query: string,
  schema: ModuleSchema,
  tx: ReadTx,
  caller: OneOffCaller,
): TableRows {
  const statement = parseSql(query);
  if (statement.kind !== 'select') throw unsupported('Unsupported: Non-SELECT queries');
  if (statement.limit !== undefined) throw unsupported(`Unsupported: ${query.trim()}`);
  if (statement.projection.kind !== 'star') {
    throw unsupported(
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    );
  }
  const select = typeSelect(statement, new SchemaView(schema, caller.isOwner), caller.identity);
  if (select.projection.kind !== 'star') throw new Error('unreachable: checked above');
  const rel = select.projection.rel;
  const rows: Uint8Array[] = [];
  forEachTuple(planSelect(select, schema.typespace), tx, (tuple) => {
    rows.push(tuple[rel]!.bytes);
    return true;
  });
  return { tableName: select.relvars[rel]!.table.name, rows };
}
