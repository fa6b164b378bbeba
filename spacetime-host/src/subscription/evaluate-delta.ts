import { BoundRow } from '../sql/row-layout.js';
import { BytesMap } from './bytes-map.js';
import type { Side, SourceDelta } from './query-index.js';
import type { SourceReader } from './source-reader.js';
import type { RelPlan, SubscriptionPlan } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';

export interface QueryDelta {
  readonly inserts: Uint8Array[];
  readonly deletes: Uint8Array[];
}

const NO_CHANGES: SourceDelta = { inserts: [], deletes: [] };

/**
 * What a commit changed in a query's result, from the changed rows alone
 * (SpacetimeDB's `eval_delta`). Undefined when nothing changed.
 *
 * A join uses the state after the commit (R', S') and the deltas, as
 * crates/subscription derives: inserts are dR+·S' ∪ R'·dS+ ∪ dR+·dS- ∪
 * dR-·dS+, deletes are dR-·S' ∪ R'·dS- ∪ dR+·dS+ ∪ dR-·dS-, counted as bags
 * and netted per row, so a row joining twice arrives twice.
 */
export function evaluateDelta(
  plan: SubscriptionPlan,
  sides: readonly (Side | undefined)[],
  deltas: ReadonlyMap<string, SourceDelta>,
  reader: SourceReader,
  stats: SubscriptionStats,
): QueryDelta | undefined {
  const delta = (rel: RelPlan): SourceDelta => {
    const side = sides[rel.rel];
    if (side === undefined) return NO_CHANGES;
    return side === 'all' ? (deltas.get(rel.source.key) ?? NO_CHANGES) : side;
  };
  if (plan.rels.length === 1) return filterRows(plan, delta(plan.rels[0]!), stats);
  const result = joinDelta(plan, delta(plan.rels[0]!), delta(plan.rels[1]!), reader, stats);
  return result.inserts.length === 0 && result.deletes.length === 0 ? undefined : result;
}

/** One row as a tuple, reused: evaluation is synchronous and never re-entered. */
const SINGLE: BoundRow[] = [];

/** A single-table query: its filter over the changed rows (the cost of most commits). */
function filterRows(
  plan: SubscriptionPlan,
  delta: SourceDelta,
  stats: SubscriptionStats,
): QueryDelta | undefined {
  stats.rowsTested += delta.inserts.length + delta.deletes.length;
  const inserts = passing(delta.inserts, plan.filter);
  const deletes = passing(delta.deletes, plan.filter);
  if (inserts === undefined && deletes === undefined) return undefined;
  return { inserts: inserts ?? [], deletes: deletes ?? [] };
}

/** The bytes of the rows passing `filter`; undefined when none (most queries, most commits). */
function passing(
  rows: readonly BoundRow[],
  filter: SubscriptionPlan['filter'],
): Uint8Array[] | undefined {
  let out: Uint8Array[] | undefined;
  for (const row of rows) {
    SINGLE[0] = row;
    if (filter !== undefined && !filter(SINGLE)) continue;
    if (out === undefined) out = [];
    out.push(row.bytes);
  }
  return out;
}

function joinDelta(
  plan: SubscriptionPlan,
  d0: SourceDelta,
  d1: SourceDelta,
  reader: SourceReader,
  stats: SubscriptionStats,
): QueryDelta {
  const bag = new Bag();
  const [r0, r1] = plan.rels as [RelPlan, RelPlan];
  const tuple: BoundRow[] = [];
  const emit = (a: BoundRow, b: BoundRow, sign: 1 | -1) => {
    tuple[0] = a;
    tuple[1] = b;
    stats.rowsTested++;
    if (plan.filter === undefined || plan.filter(tuple))
      bag.add(tuple[plan.returnRel]!.bytes, sign);
  };
  const local = (rel: RelPlan, row: BoundRow) => {
    if (rel.local === undefined) return true;
    tuple[rel.rel] = row;
    return rel.local(tuple);
  };
  // A changed row of one side against the other side's current rows.
  const withCurrent = (rows: readonly BoundRow[], mine: RelPlan, other: RelPlan, sign: 1 | -1) => {
    for (const row of rows) {
      if (!local(mine, row)) continue;
      for (const bytes of reader.lookup(other, row.column(mine.joinCol!))) {
        const partner = new BoundRow(bytes, other.layout);
        if (!local(other, partner)) continue;
        if (mine.rel === 0) emit(row, partner, sign);
        else emit(partner, row, sign);
      }
    }
  };
  // Changed rows of both sides against each other, matched by join column value.
  const withChanged = (left: readonly BoundRow[], right: readonly BoundRow[], sign: 1 | -1) => {
    if (left.length === 0 || right.length === 0) return;
    const byValue = new BytesMap<BoundRow[]>();
    for (const b of right) byValue.upsert(b.column(r1.joinCol!), () => []).push(b);
    for (const a of left) {
      if (!local(r0, a)) continue;
      for (const b of byValue.get(a.column(r0.joinCol!)) ?? []) {
        if (local(r1, b)) emit(a, b, sign);
      }
    }
  };
  withCurrent(d0.inserts, r0, r1, 1);
  withCurrent(d0.deletes, r0, r1, -1);
  withCurrent(d1.inserts, r1, r0, 1);
  withCurrent(d1.deletes, r1, r0, -1);
  if (d0.inserts.length + d0.deletes.length > 0 && d1.inserts.length + d1.deletes.length > 0) {
    withChanged(d0.inserts, d1.deletes, 1);
    withChanged(d0.deletes, d1.inserts, 1);
    withChanged(d0.inserts, d1.inserts, -1);
    withChanged(d0.deletes, d1.deletes, -1);
  }
  return bag.net();
}

/** Rows with signed multiplicities, netted: positive counts are inserts, negative deletes. */
class Bag {
  readonly #counts = new BytesMap<{ readonly row: Uint8Array; n: number }>();

  add(row: Uint8Array, sign: 1 | -1): void {
    const entry = this.#counts.get(row);
    if (entry) entry.n += sign;
    else this.#counts.set(row, { row, n: sign });
  }

  net(): QueryDelta {
    const inserts: Uint8Array[] = [];
    const deletes: Uint8Array[] = [];
    for (const { row, n } of this.#counts.values()) {
      for (let i = 0; i < n; i++) inserts.push(row);
      for (let i = 0; i > n; i--) deletes.push(row);
    }
    return { inserts, deletes };
  }
}
