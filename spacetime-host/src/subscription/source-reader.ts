import type { RangeArgs, ReadTx } from '../datastore/datastore.js';
import { BoundRow } from '../sql/row-layout.js';
import { BytesMap } from './bytes-map.js';
import { concatBytes } from './concat-bytes.js';
import type { RelPlan, SourceRef } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';

const NO_ROWS: readonly Uint8Array[] = [];
const UNBOUNDED = Uint8Array.of(2);

/**
 * The current rows of a query's sources: tables from the committed state,
 * views from their materialisations, and nothing for event tables (their
 * rows are never stored, in SpacetimeDB). One reader serves one commit, so a
 * source without a usable index is read at most once per column and hashed.
 */
export class SourceReader {
  readonly #hashed = new Map<string, BytesMap<Uint8Array[]>>();

  constructor(
    private readonly read: ReadTx,
    private readonly viewRows: (source: SourceRef) => readonly Uint8Array[],
    private readonly stats: SubscriptionStats,
  ) {}

  /** The rows of `rel`'s source whose join column holds `value` (its BSATN). */
  lookup(rel: RelPlan, value: Uint8Array): readonly Uint8Array[] {
    const { source, probe } = rel;
    if (source.table.isEvent) return NO_ROWS;
    if (probe?.kind === 'point') {
      this.stats.indexLookups++;
      const key = probe.prefix === undefined ? value : concatBytes([probe.prefix, value]);
      return this.read.indexScanPoint(probe.indexId, key);
    }
    if (probe?.kind === 'prefix') {
      this.stats.indexLookups++;
      return this.read.indexScanRange(probe.indexId, prefixRange(value));
    }
    return this.#hashedBy(rel).get(value) ?? NO_ROWS;
  }

  #hashedBy(rel: RelPlan): BytesMap<Uint8Array[]> {
    const cacheKey = `${rel.source.key}#${rel.joinCol}`;
    let hashed = this.#hashed.get(cacheKey);
    if (hashed !== undefined) return hashed;
    this.stats.sourceScans++;
    hashed = new BytesMap();
    const col = rel.joinCol!;
    for (const row of currentRows(rel.source, this.read, this.viewRows)) {
      hashed.upsert(new BoundRow(row, rel.layout).column(col), () => []).push(row);
    }
    this.#hashed.set(cacheKey, hashed);
    return hashed;
  }
}

/** All current rows of a source. */
export function currentRows(
  source: SourceRef,
  read: ReadTx,
  viewRows: (source: SourceRef) => readonly Uint8Array[],
): readonly Uint8Array[] {
  if (source.kind === 'view') return viewRows(source);
  return source.table.isEvent ? NO_ROWS : read.scan(source.table.tableId);
}

/** Range arguments for "first column equals `value`, the rest anything". */
function prefixRange(value: Uint8Array): RangeArgs {
  return {
    buf: concatBytes([value, UNBOUNDED, UNBOUNDED]),
    prefixLen: value.length,
    prefixElems: 1,
    rstartLen: 1,
    rendLen: 1,
  };
}
