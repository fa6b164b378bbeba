import type { MutTx } from '../datastore/datastore.js';
import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';
import { forEachTuple, planSelect } from './select-plan.js';
import { SqlError } from './sql-error.js';
import type { SqlStatementResult } from './sql-result.js';
import type { TypedDelete, TypedExpr, TypedInsert, TypedUpdate } from './typed.js';

export type DmlStats = SqlStatementResult['stats'];

/**
 * Runs INSERT, UPDATE or DELETE in `tx` as SpacetimeDB's DML executors do
 * (crates/execution/src/dml.rs). Throws on the first failure, leaving the
 * caller to roll the transaction back, so a statement changes all its rows or
 * none.
 */
export function executeDml(
  statement: TypedInsert | TypedUpdate | TypedDelete,
  tx: MutTx,
  schema: ModuleSchema,
): DmlStats {
  switch (statement.kind) {
    case 'insert':
      return {
        rowsInserted: insertRows(tx, statement.table, statement.rows),
        rowsDeleted: 0,
        rowsUpdated: 0,
      };
    case 'delete': {
      const matched = matchingRows(tx, schema, statement.table, statement.filter);
      const deleted = deleteRows(
        tx,
        statement.table,
        matched.map((m) => m.row),
      );
      return { rowsInserted: 0, rowsDeleted: deleted, rowsUpdated: 0 };
    }
    case 'update': {
      const { table, assignments } = statement;
      const matched = matchingRows(tx, schema, table, statement.filter);
      // Every match is read before any row changes: an update never sees its own writes.
      deleteRows(
        tx,
        table,
        matched.map((m) => m.row),
      );
      insertRows(
        tx,
        table,
        matched.map(({ columns }) =>
          Buffer.concat(columns.map((bytes, col) => assignments.get(col) ?? bytes)),
        ),
      );
      return { rowsInserted: 0, rowsDeleted: 0, rowsUpdated: matched.length };
    }
  }
}

/** Inserts each row; an identical row already present is not inserted again and not counted. */
function insertRows(tx: MutTx, table: TableSchema, rows: readonly Uint8Array[]): number {
  let inserted = 0;
  for (const row of rows) {
    const before = tx.rowCount(table.tableId);
    datastoreCall(() => tx.insert(table.tableId, row));
    if (tx.rowCount(table.tableId) > before) inserted++;
  }
  return inserted;
}

/** Deletes the rows in one call, as a BSATN `Vec` of rows. */
function deleteRows(tx: MutTx, table: TableSchema, rows: readonly Uint8Array[]): number {
  if (rows.length === 0) return 0;
  const count = Buffer.alloc(4);
  count.writeUInt32LE(rows.length);
  return datastoreCall(() => tx.deleteAllByEq(table.tableId, Buffer.concat([count, ...rows])));
}

interface MatchedRow {
  readonly row: Uint8Array;
  readonly columns: readonly Uint8Array[];
}

function matchingRows(
  tx: MutTx,
  schema: ModuleSchema,
  table: TableSchema,
  filter: TypedExpr | undefined,
): MatchedRow[] {
  const plan = planSelect(
    {
      kind: 'select',
      relvars: [{ alias: table.name, table }],
      joins: [],
      filter,
      projection: { kind: 'star', rel: 0 },
    },
    schema.typespace,
  );
  const matched: MatchedRow[] = [];
  forEachTuple(plan, tx, ([bound]) => {
    const row = bound!.bytes;
    matched.push({ row, columns: table.columns.map((c) => bound!.column(c.colId).slice()) });
    return true;
  });
  return matched;
}

/** A datastore refusal (a unique constraint, a sequence overflow) is the statement's failure. */
function datastoreCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SqlError('execution', message, { cause: error });
  }
}
