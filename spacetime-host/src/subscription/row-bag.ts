import { BytesMap } from './bytes-map.js';
import type { RowsDelta } from './multiset-diff.js';

/**
 * A bag of rows changed by deltas: the rows of a view kept current from its
 * query's changes. The row list is rebuilt only when read after a change
 * (new subscribers, joins over the view), not on every commit.
 */
export class RowBag {
  readonly #counts = new BytesMap<{ readonly row: Uint8Array; n: number }>();
  #list: readonly Uint8Array[] | undefined = [];

  constructor(rows: readonly Uint8Array[]) {
    for (const row of rows) this.#add(row);
    this.#list = rows;
  }

  rows(): readonly Uint8Array[] {
    if (this.#list === undefined) {
      const list: Uint8Array[] = [];
      for (const { row, n } of this.#counts.values()) for (let i = 0; i < n; i++) list.push(row);
      this.#list = list;
    }
    return this.#list;
  }

  /** Applies `delta`; a delete of a row the bag does not hold is a bug in the caller's delta. */
  apply(delta: RowsDelta): void {
    if (delta.inserts.length === 0 && delta.deletes.length === 0) return;
    this.#list = undefined;
    for (const row of delta.deletes) {
      const entry = this.#counts.get(row);
      if (entry === undefined)
        throw new Error('a view query delta deleted a row the view did not hold');
      if (--entry.n === 0) this.#counts.delete(row);
    }
    for (const row of delta.inserts) this.#add(row);
  }

  #add(row: Uint8Array): void {
    const entry = this.#counts.get(row);
    if (entry) entry.n++;
    else this.#counts.set(row, { row, n: 1 });
  }
}
