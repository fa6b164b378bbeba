import type { ReadTx } from '../datastore/datastore.js';
import type { Typespace } from '../sats/typespace.js';
import { type Access, chooseAccess, fetchRows } from './access-path.js';
import {
  compilePredicate,
  conjuncts,
  lastRel,
  type Predicate,
  type Tuple,
} from './compile-expr.js';
import { BoundRow, RowLayout } from './row-layout.js';
import type { TypedExpr, TypedSelect } from './typed.js';

/** A SELECT's FROM and WHERE, ready to run as nested loops in FROM order. */
export interface SelectPlan {
  readonly select: TypedSelect;
  readonly steps: readonly Step[];
}

interface Step {
  readonly access: Access;
  readonly layout: RowLayout;
  /** The filter conjuncts (and the join condition) that can be checked once this table is bound. */
  readonly check?: Predicate;
}

export function planSelect(select: TypedSelect, typespace: Typespace): SelectPlan {
  const filters = conjuncts(select.filter);
  const steps = select.relvars.map((relvar, rel): Step => {
    const join = rel === 0 ? undefined : select.joins[rel - 1];
    const checks: TypedExpr[] = filters.filter((f) => Math.max(lastRel(f), 0) === rel);
    if (join) {
      const [left, right] = join;
      checks.push({
        kind: 'cmp',
        op: '=',
        operandType: columnType(select, left.rel, left.col),
        left: { kind: 'field', ...left, type: columnType(select, left.rel, left.col) },
        right: { kind: 'field', ...right, type: columnType(select, right.rel, right.col) },
      });
    }
    return {
      access: chooseAccess(rel, relvar.table, filters, join),
      layout: new RowLayout(relvar.table, typespace),
      check: checks.length === 0 ? undefined : checks.map(compilePredicate).reduce(both),
    };
  });
  return { select, steps };
}

function columnType(select: TypedSelect, rel: number, col: number) {
  return select.relvars[rel]!.table.columns[col]!.type;
}

function both(a: Predicate, b: Predicate): Predicate {
  return (t) => a(t) && b(t);
}

/**
 * Calls `visit` with every tuple that passes the filter, in the order the
 * access paths yield rows, until `visit` returns false. A joined table whose
 * rows do not depend on earlier rows is read once.
 */
export function forEachTuple(plan: SelectPlan, tx: ReadTx, visit: (tuple: Tuple) => boolean): void {
  const { steps, select } = plan;
  const tuple: BoundRow[] = [];
  const cached: (Uint8Array[] | undefined)[] = [];
  let stopped = false;
  const bind = (rel: number): void => {
    const step = steps[rel]!;
    const table = select.relvars[rel]!.table;
    let rows = cached[rel];
    if (rows === undefined) {
      rows = fetchRows(tx, table, step.access, tuple);
      if (step.access.kind !== 'lookup') cached[rel] = rows;
    }
    for (const row of rows) {
      tuple[rel] = new BoundRow(row, step.layout);
      if (step.check && !step.check(tuple)) continue;
      if (rel + 1 < steps.length) bind(rel + 1);
      else stopped = !visit(tuple);
      if (stopped) return;
    }
  };
  bind(0);
}

/**
 * An estimate of the rows a plan reads, for SpacetimeDB's `row_limit`: a
 * unique point lookup reads one row, anything else may read the whole table,
 * and a join reads the product of its inputs.
 */
export function estimateRowsScanned(plan: SelectPlan, tx: ReadTx): number {
  let product = 1;
  let total = 0;
  plan.steps.forEach((step, rel) => {
    const table = plan.select.relvars[rel]!.table;
    const unique = step.access.kind === 'point' && step.access.index.unique;
    const rows = unique ? 1 : tx.rowCount(table.tableId);
    product *= rows;
    total += rel === 0 ? rows : product;
  });
  return total;
}
