import { BinaryReader } from 'spacetimedb';
import type { ReadTx } from '../datastore/datastore.js';
import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { bsatnToJson, readValue } from '../sats/sats-json.js';
import type { Typespace } from '../sats/typespace.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import type { Tuple } from './compile-expr.js';
import { estimateRowsScanned, forEachTuple, planSelect, type SelectPlan } from './select-plan.js';
import { SqlError } from './sql-error.js';
import { resolveDeep } from './sql-type.js';
import type { TypedSelect } from './typed.js';

export interface SelectOutput {
  readonly schema: ProductType;
  /** Each row in SATS-JSON's bare form: an array of its columns. */
  readonly rows: unknown[];
}

/**
 * Runs a typed SELECT over `tx`. `rowLimit` is SpacetimeDB's `row_limit`
 * variable, which binds everyone but the owner.
 */
export function executeSelect(
  select: TypedSelect,
  tx: ReadTx,
  schema: ModuleSchema,
  rowLimit?: bigint,
): SelectOutput {
  const typespace = schema.typespace;
  const plan = planSelect(select, typespace);
  if (rowLimit !== undefined) {
    const estimate = estimateRowsScanned(plan, tx);
    if (BigInt(estimate) > rowLimit) {
      throw new SqlError(
        'execution',
        `Estimated cardinality (${estimate} rows) exceeds limit (${rowLimit} rows)`,
      );
    }
  }
  const limit = select.limit ?? BigInt(Number.MAX_SAFE_INTEGER);
  const projection = select.projection;

  if (projection.kind === 'count') {
    const counted = countRows(select, tx, plan);
    return {
      schema: { elements: [{ name: projection.name, algebraicType: { tag: 'U64' } }] },
      rows: limit > 0n ? [[BigInt(counted)]] : [],
    };
  }

  const rows: unknown[] = [];
  if (limit > 0n) {
    const toJson = rowToJson(select, typespace);
    forEachTuple(plan, tx, (tuple) => {
      rows.push(toJson(tuple));
      return BigInt(rows.length) < limit;
    });
  }
  return { schema: outputSchema(select, typespace), rows };
}

/** COUNT(*) of a whole table reads the table's row count, as SpacetimeDB does. */
function countRows(select: TypedSelect, tx: ReadTx, plan: SelectPlan): number {
  if (select.relvars.length === 1 && select.filter === undefined) {
    return tx.rowCount(select.relvars[0]!.table.tableId);
  }
  let n = 0;
  forEachTuple(plan, tx, () => {
    n++;
    return true;
  });
  return n;
}

function rowToJson(select: TypedSelect, typespace: Typespace): (tuple: Tuple) => unknown {
  const projection = select.projection;
  if (projection.kind === 'star') {
    const rowType: AlgebraicType = {
      tag: 'Product',
      value: select.relvars[projection.rel]!.table.rowType,
    };
    return (tuple) =>
      readValue(rowType, typespace, new BinaryReader(tuple[projection.rel]!.bytes), 'bare');
  }
  if (projection.kind === 'columns') {
    const columns = projection.columns;
    return (tuple) =>
      columns.map((c) => bsatnToJson(c.type, typespace, tuple[c.rel]!.column(c.col)));
  }
  return () => [];
}

/** The header SpacetimeDB sends: column names (or aliases) with their types, Refs resolved. */
function outputSchema(select: TypedSelect, typespace: Typespace): ProductType {
  const projection = select.projection;
  if (projection.kind === 'star') {
    const table = select.relvars[projection.rel]!.table;
    return {
      elements: table.columns.map((c) => ({
        name: c.name,
        algebraicType: resolveDeep(c.type, typespace),
      })),
    };
  }
  if (projection.kind === 'columns') {
    return {
      elements: projection.columns.map((c) => ({
        name: c.name,
        algebraicType: resolveDeep(c.type, typespace),
      })),
    };
  }
  return { elements: [] };
}
