import { conjuncts } from '../sql/compile-expr.js';
import { unsupported } from '../sql/sql-error.js';
import type { TypedSelect } from '../sql/typed.js';
import { constantComparison, equalityConstants } from './filter-analysis.js';

export const NEEDS_INDEX_JOIN = 'Subscriptions require indexes on join columns';

/**
 * SpacetimeDB accepts a subscription join only if its planner turns it into
 * an index join (crates/subscription `has_non_index_join`). The planner
 * (crates/physical-plan rules) pushes `col op constant` conjuncts down to
 * their table, swaps the sides when only the joined table has such a filter
 * (`ReorderHashJoin`), then needs the right-hand side to have an index whose
 * last column is its join column and whose other columns WHERE fixes with
 * `=` (`HashToIxJoin`). That side is the lookup table, which may not be an
 * event table.
 *
 * Returns the rel of the lookup table; throws `SqlError` when SpacetimeDB
 * would refuse the join.
 */
export function checkJoinIndexes(select: TypedSelect): {
  lookupRel: number;
  cols: [number, number];
} {
  const count = select.relvars.length;
  if (select.joins.some((join) => join === undefined)) throw unsupported(NEEDS_INDEX_JOIN);
  if (count !== 2) throw unsupported(`Invalid number of tables in subscription: ${count}`);
  const [a, b] = select.joins[0]!;
  if (a.rel === b.rel) throw unsupported(NEEDS_INDEX_JOIN);
  const cols: [number, number] = a.rel === 0 ? [a.col, b.col] : [b.col, a.col];

  const filters = conjuncts(select.filter);
  const filtered = (rel: number) => filters.some((f) => constantComparison(f, rel) !== undefined);
  const lookupRel = !filtered(0) && filtered(1) ? 0 : 1;

  const table = select.relvars[lookupRel]!.table;
  const fixed = equalityConstants(filters, lookupRel);
  const joinCol = cols[lookupRel];
  const indexed = table.indexes.some((index) => {
    const columns = index.columns;
    return (
      columns[columns.length - 1] === joinCol && columns.slice(0, -1).every((col) => fixed.has(col))
    );
  });
  if (!indexed) throw unsupported(NEEDS_INDEX_JOIN);
  if (table.isEvent) {
    throw unsupported('Event tables cannot be used as the lookup table in subscription joins');
  }
  return { lookupRel, cols };
}
