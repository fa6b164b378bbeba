import type { RangeArgs, ReadTx } from '../datastore/datastore.js';
import type { Typespace } from '../sats/typespace.js';
import { forEachTuple, planSelect } from '../sql/select-plan.js';
import type { SourceRef, SubscriptionPlan } from './subscription-plan.js';

/**
 * The rows a query returns over the current state (for `SubscribeApplied`
 * and dropped rows on unsubscribe), with bag semantics: a join returns a row
 * once per match, as SpacetimeDB does. Undefined when one of its sources is
 * empty: SpacetimeDB then leaves the query out of the message altogether.
 */
export function initialRows(
  plan: SubscriptionPlan,
  read: ReadTx,
  viewRows: (source: SourceRef) => readonly Uint8Array[],
  typespace: Typespace,
): Uint8Array[] | undefined {
  const tx = sourcesReadTx(plan, read, viewRows);
  if (plan.rels.some((rel) => tx.rowCount(rel.source.table.tableId) === 0)) return undefined;
  const rows: Uint8Array[] = [];
  forEachTuple(planSelect(plan.select, typespace), tx, (tuple) => {
    rows.push(tuple[plan.returnRel]!.bytes);
    return true;
  });
  return rows;
}

/** The committed state as the plan's sources see it: views read their materialisation, event tables are empty. */
function sourcesReadTx(
  plan: SubscriptionPlan,
  read: ReadTx,
  viewRows: (source: SourceRef) => readonly Uint8Array[],
): ReadTx {
  const replaced = new Map<number, readonly Uint8Array[]>();
  const emptyIndexes = new Set<number>();
  for (const { source } of plan.rels) {
    if (source.kind === 'view') replaced.set(source.table.tableId, viewRows(source));
    else if (source.table.isEvent) {
      replaced.set(source.table.tableId, []);
      for (const index of source.table.indexes) emptyIndexes.add(index.indexId);
    }
  }
  return {
    tableIdFromName: (name) => read.tableIdFromName(name),
    indexIdFromName: (name) => read.indexIdFromName(name),
    rowCount: (tableId) => replaced.get(tableId)?.length ?? read.rowCount(tableId),
    scan: (tableId) => {
      const rows = replaced.get(tableId);
      return rows === undefined ? read.scan(tableId) : [...rows];
    },
    indexScanPoint: (indexId: number, key: Uint8Array) =>
      emptyIndexes.has(indexId) ? [] : read.indexScanPoint(indexId, key),
    indexScanRange: (indexId: number, range: RangeArgs) =>
      emptyIndexes.has(indexId) ? [] : read.indexScanRange(indexId, range),
  };
}
