import type { RangeArgs, ReadTx } from '../datastore/datastore.js';
import { BytesMap } from './bytes-map.js';

/** What a view read, coarse enough to tell cheaply whether a commit can change its result. */
export interface ReadSet {
  /** Tables read whole (scans, counts, range scans): any change to them matters. */
  readonly tables: ReadonlySet<number>;
  /** Index point reads, by index id: only changed rows with one of these keys matter. */
  readonly points: ReadonlyMap<number, BytesMap<true>>;
}

/**
 * A read transaction that records what it serves (SpacetimeDB records view
 * read sets the same way: full scans and index keys). Point reads on an
 * index that cannot be matched by bytes (`exactIndex` false: float keys,
 * where -0 and 0 are one key) count as reading the whole table.
 */
export class RecordingReadTx implements ReadTx {
  readonly #tables = new Set<number>();
  readonly #points = new Map<number, BytesMap<true>>();

  constructor(
    private readonly inner: ReadTx,
    private readonly tableOfIndex: (indexId: number) => number,
    private readonly exactIndex: (indexId: number) => boolean,
  ) {}

  get readSet(): ReadSet {
    return { tables: this.#tables, points: this.#points };
  }

  tableIdFromName(name: string): number {
    return this.inner.tableIdFromName(name);
  }

  indexIdFromName(name: string): number {
    return this.inner.indexIdFromName(name);
  }

  rowCount(tableId: number): number {
    this.#tables.add(tableId);
    return this.inner.rowCount(tableId);
  }

  scan(tableId: number): Uint8Array[] {
    this.#tables.add(tableId);
    return this.inner.scan(tableId);
  }

  indexScanPoint(indexId: number, key: Uint8Array): Uint8Array[] {
    const rows = this.inner.indexScanPoint(indexId, key);
    if (!this.exactIndex(indexId)) {
      this.#tables.add(this.tableOfIndex(indexId));
      return rows;
    }
    let keys = this.#points.get(indexId);
    if (keys === undefined) {
      keys = new BytesMap();
      this.#points.set(indexId, keys);
    }
    // A copy: the module reuses its key buffer for the next call.
    if (keys.get(key) === undefined) keys.set(key.slice(), true);
    return rows;
  }

  indexScanRange(indexId: number, range: RangeArgs): Uint8Array[] {
    const rows = this.inner.indexScanRange(indexId, range);
    this.#tables.add(this.tableOfIndex(indexId));
    return rows;
  }
}
