import type { ReadTx } from '../datastore/datastore.js';
import type { ProductType } from '../sats/algebraic-type.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import type { SqlExpr } from './ast.js';
import { parseSql } from './parse-sql.js';
import { SchemaView } from './schema-view.js';
import { forEachTuple, planSelect } from './select-plan.js';
import { SqlError, unsupported } from './sql-error.js';
import { formatType, resolveDeep, typesEqual } from './sql-type.js';
import { typeSelect } from './type-select.js';

/**
 * Runs the SQL a query-builder view returned instead of rows, as SpacetimeDB's
 * `run_query_for_view` does: a subscription query (`SELECT * | t.* FROM ...
 * [JOIN ...] [WHERE ...]`, no LIMIT, no `:sender`) over every table, private
 * ones included (a view enforces its own access rules). Returns the BSATN rows
 * of the table the query selects; with `expectedRowType`, that table's row
 * type must be the view's.
 */
export function runViewQuery(
  query: string,
  schema: ModuleSchema,
  tx: ReadTx,
  expectedRowType?: ProductType,
): Uint8Array[] {
  const statement = parseSql(query);
  if (statement.kind !== 'select') throw unsupported('Unsupported: Non-SELECT queries');
  if (statement.limit !== undefined) throw unsupported(`Unsupported: ${query.trim()}`);
  if (statement.projection.kind !== 'star') {
    throw unsupported(
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    );
  }
  const usesSender =
    (statement.filter !== undefined && hasSender(statement.filter)) ||
    statement.from.joins.some((j) => j.on !== undefined && hasSender(j.on));
  if (usesSender) {
    throw unsupported('parameterized SQL is not supported for view materialization yet');
  }
  const view = new SchemaView(schema, true);
  for (const name of [statement.from.table, ...statement.from.joins.map((j) => j.table)]) {
    if (view.table(name) === undefined && view.isView(name)) {
      throw unsupported('view definition cannot read from other views');
    }
  }
  const select = typeSelect(statement, view, 0n);
  if (select.projection.kind !== 'star') throw new Error('unreachable: checked above');
  const rel = select.projection.rel;
  const rowType = select.relvars[rel]!.table.rowType;
  if (expectedRowType !== undefined && !sameRowType(rowType, expectedRowType, schema)) {
    throw new SqlError(
      'type',
      `query returns \`${formatType({ tag: 'Product', value: rowType })}\` but view expects \`${formatType({ tag: 'Product', value: expectedRowType })}\``,
    );
  }
  const rows: Uint8Array[] = [];
  forEachTuple(planSelect(select, schema.typespace), tx, (tuple) => {
    rows.push(tuple[rel]!.bytes);
    return true;
  });
  return rows;
}

function hasSender(expr: SqlExpr): boolean {
  if (expr.kind === 'sender') return true;
  if (expr.kind === 'bin' || expr.kind === 'log')
    return hasSender(expr.left) || hasSender(expr.right);
  return false;
}

/** Structurally, Refs resolved: a view's row type may name a type the table spells out. */
function sameRowType(a: ProductType, b: ProductType, schema: ModuleSchema): boolean {
  const resolve = (p: ProductType) => resolveDeep({ tag: 'Product', value: p }, schema.typespace);
  return typesEqual(resolve(a), resolve(b));
}
