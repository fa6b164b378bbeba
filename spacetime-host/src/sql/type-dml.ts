import type { AlgebraicType } from '../sats/algebraic-type.js';
import type { ColumnSchema, TableSchema } from '../schema/module-schema.js';
import type { SqlDelete, SqlInsert, SqlLiteral, SqlSetVar, SqlShowVar, SqlUpdate } from './ast.js';
import { literalText } from './ast.js';
import { parseIntLiteral, parseLiteral } from './literal.js';
import { scalarCodec } from './scalar.js';
import { findColumn, type SchemaView } from './schema-view.js';
import { typeError, unsupported } from './sql-error.js';
import { invalidLiteral, typeExpr, unexpectedType } from './type-expr.js';
import { resolveTable } from './type-select.js';
import {
  BOOL,
  type TypedDelete,
  type TypedInsert,
  type TypedSetVar,
  type TypedShowVar,
  type TypedUpdate,
} from './typed.js';

const STRING: AlgebraicType = { tag: 'String' };
const U64: AlgebraicType = { tag: 'U64' };
const BYTES: AlgebraicType = { tag: 'Array', value: { tag: 'U8' } };

/** The only system variable SpacetimeDB has. */
export const ROW_LIMIT = 'row_limit';

/**
 * SpacetimeDB's `type_insert`. One deliberate difference: the column list is
 * matched by name, where SpacetimeDB only checks its length and assigns the
 * values in table order; both agree when the list is in table order.
 */
export function typeInsert(insert: SqlInsert, view: SchemaView): TypedInsert {
  const table = resolveDmlTable(view, insert.table);
  const n = table.columns.length;
  if (insert.columns.length !== n) {
    throw typeError(
      `The number of fields (${insert.columns.length}) in the INSERT does not match the number of columns (${n}) of the table \`${table.name}\``,
    );
  }
  const order = insert.columns.map((name) => columnOrFail(table, name));
  if (new Set(order).size !== n)
    throw typeError(`Duplicate name \`${findDuplicate(insert.columns)}\``);
  const rows = insert.rows.map((values) => {
    if (values.length !== n) {
      throw typeError(
        `Inserting a row with ${values.length} values into \`${table.name}\` which has ${n} fields`,
      );
    }
    const encoded: Uint8Array[] = new Array(n);
    values.forEach((lit, i) => {
      const column = order[i]!;
      encoded[column.colId] = encodeAssigned(lit, column.type);
    });
    return Buffer.concat(encoded);
  });
  return { kind: 'insert', table, rows };
}

/** SpacetimeDB's `type_update`: literal assignments by column name, then the filter. */
export function typeUpdate(update: SqlUpdate, view: SchemaView, sender: bigint): TypedUpdate {
  const table = resolveDmlTable(view, update.table);
  const assignments = new Map<number, Uint8Array>();
  for (const { column: name, value } of update.assignments) {
    const column = columnOrFail(table, name);
    const encoded = encodeAssigned(value, column.type);
    if (!assignments.has(column.colId)) assignments.set(column.colId, encoded);
  }
  const scope = { relvars: [{ alias: update.table, table }], sender };
  const filter = update.filter && typeExpr(scope, update.filter, BOOL);
  return { kind: 'update', table, assignments, filter };
}

export function typeDelete(del: SqlDelete, view: SchemaView, sender: bigint): TypedDelete {
  const table = resolveDmlTable(view, del.table);
  const scope = { relvars: [{ alias: del.table, table }], sender };
  return { kind: 'delete', table, filter: del.filter && typeExpr(scope, del.filter, BOOL) };
}

/** `SET row_limit = n`; SpacetimeDB stores it as a u64 in `st_var`. */
export function typeSetVar(set: SqlSetVar): TypedSetVar {
  checkVar(set.name);
  const lit = set.value;
  if (lit.kind === 'bool') throw unexpectedType(U64, BOOL);
  if (lit.kind === 'str') throw unexpectedType(U64, STRING);
  if (lit.kind === 'hex') throw unexpectedType(U64, BYTES);
  const value = parseIntLiteral(lit.text, 'U64');
  if (value === undefined) throw invalidLiteral(lit.text, U64);
  return { kind: 'set', name: set.name, value };
}

export function typeShowVar(show: SqlShowVar): TypedShowVar {
  checkVar(show.name);
  return { kind: 'show', name: show.name };
}

function checkVar(name: string): void {
  if (name !== ROW_LIMIT) throw typeError(`${name} is not a valid system variable`);
}

function resolveDmlTable(view: SchemaView, name: string): TableSchema {
  if (view.isView(name)) {
    throw unsupported(`\`${name}\` is a view; DML on views is not supported`);
  }
  return resolveTable(view, name);
}

function columnOrFail(table: TableSchema, name: string): ColumnSchema {
  const column = findColumn(table, name);
  if (column === undefined) throw typeError(`\`${table.name}\` does not have a field \`${name}\``);
  return column;
}

/** A literal stored into a column: a string only into a string, a bool only into a bool. */
function encodeAssigned(lit: SqlLiteral, type: AlgebraicType): Uint8Array {
  if (lit.kind === 'bool' && type.tag !== 'Bool') throw unexpectedType(BOOL, type);
  if (lit.kind === 'str' && type.tag !== 'String') throw unexpectedType(STRING, type);
  const value = lit.kind === 'bool' ? lit.value : parseLiteral(lit.text, type);
  const codec = scalarCodec(type);
  if (value === undefined || codec === undefined) throw invalidLiteral(literalText(lit), type);
  return codec.encode(value);
}

function findDuplicate(names: readonly string[]): string {
  return names.find((name, i) => names.indexOf(name) !== i) ?? '';
}
