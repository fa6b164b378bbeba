import type { ReadTx, TxChanges } from '../datastore/datastore.js';
import type { IndexSchema, ModuleSchema } from '../schema/module-schema.js';
import { BoundRow, RowLayout } from '../sql/row-layout.js';
import { BytesMap } from './bytes-map.js';
import { concatBytes } from './concat-bytes.js';
import { removeFrom, setOf } from './multimap.js';
import { diffRows, type RowsDelta } from './multiset-diff.js';
import { type ReadSet, RecordingReadTx } from './recording-read-tx.js';
import type { SourceRef } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';

/**
 * Runs a view over `tx` and returns its rows (BSATN of the view's row type):
 * the database calls the module's `__call_view__` (with `sender`) or
 * `__call_view_anon__` (sender undefined), and runs the SQL a query-builder
 * view returns, all over `tx`, so the engine can record what the view read.
 */
export type ViewRunner = (
  viewName: string,
  sender: bigint | undefined,
  tx: ReadTx,
) => readonly Uint8Array[];

type ViewSource = Extract<SourceRef, { kind: 'view' }>;

interface Materialization {
  readonly source: ViewSource;
  readonly layout: RowLayout;
  rows: readonly Uint8Array[];
  reads: ReadSet;
  /** Query plans reading it; it is dropped at zero. */
  refs: number;
}

export interface ViewRefresh {
  /** Row changes of each recomputed materialisation whose rows changed, by source key. */
  readonly deltas: ReadonlyMap<string, RowsDelta>;
  /** Materialisations whose view threw, by source key; they keep their previous rows. */
  readonly failures: ReadonlyMap<string, unknown>;
}

/**
 * The rows of each view a subscription reads, per sender for `view` and once
 * for `anonymousView`, kept current commit by commit: a commit recomputes
 * only the materialisations whose recorded reads it touched, and reports the
 * difference (SpacetimeDB keeps view read sets the same way).
 */
export class ViewMaterializations {
  readonly #all = new Map<string, Materialization>();
  /** tableId → materialisations that read the whole table. */
  readonly #tableReaders = new Map<number, Set<Materialization>>();
  /**
   * Materialisations whose view read nothing through the engine's read
   * transaction: a constant view, or a runner that read the datastore
   * directly. Either way nothing says what they depend on, so every commit
   * recomputes them (correct, only slower).
   */
  readonly #readNothing = new Set<Materialization>();
  /** Touched by commits whose refresh was deferred; recomputed by the next refresh. */
  readonly #stale = new Set<Materialization>();
  /** indexId → key → materialisations that read that key. */
  readonly #pointReaders = new Map<number, BytesMap<Set<Materialization>>>();
  readonly #tableLayouts = new Map<number, RowLayout>();
  readonly #indexes: ReadonlyMap<number, IndexSchema>;

  constructor(
    private readonly schema: ModuleSchema,
    private readonly runner: ViewRunner | undefined,
    private readonly read: () => ReadTx,
  ) {
    this.#indexes = new Map(schema.tables.flatMap((t) => t.indexes.map((i) => [i.indexId, i])));
  }

  /** Materialises `source` if nobody reads it yet (running the view now); throws what the view throws. */
  acquire(source: ViewSource): void {
    const existing = this.#all.get(source.key);
    if (existing) {
      existing.refs++;
      return;
    }
    const m: Materialization = {
      source,
      layout: new RowLayout(source.table, this.schema.typespace),
      rows: [],
      reads: { tables: new Set(), points: new Map() },
      refs: 1,
    };
    m.rows = this.#run(m);
    this.#all.set(source.key, m);
    this.#watch(m);
  }

  release(source: ViewSource): void {
    const m = this.#all.get(source.key);
    if (m === undefined || --m.refs > 0) return;
    this.#unwatch(m);
    this.#stale.delete(m);
    this.#all.delete(source.key);
  }

  rows(source: SourceRef): readonly Uint8Array[] {
    return this.#all.get(source.key)?.rows ?? [];
  }

  /** The rows of `source` now: its materialisation, or a one-off run of the view. */
  rowsNow(source: ViewSource): readonly Uint8Array[] {
    const m = this.#all.get(source.key);
    if (m !== undefined) return m.rows;
    if (this.runner === undefined) throw noRunner(source);
    return this.runner(source.view, source.sender, this.read());
  }

  layout(sourceKey: string): RowLayout | undefined {
    return this.#all.get(sourceKey)?.layout;
  }

  get size(): number {
    return this.#all.size;
  }

  /** True when deferred refreshes left materialisations to recompute. */
  get hasStale(): boolean {
    return this.#stale.size > 0;
  }

  /**
   * Recomputes what `changes` may have changed, and what earlier deferred
   * refreshes left; call right after the commit, before the next one. With
   * `defer` it only notes what to recompute later (the module cannot run a
   * view now, e.g. it is inside a procedure that committed).
   */
  refresh(changes: TxChanges | undefined, stats: SubscriptionStats, defer = false): ViewRefresh {
    const deltas = new Map<string, RowsDelta>();
    const failures = new Map<string, unknown>();
    if (this.#all.size === 0) return { deltas, failures };
    const touched = changes === undefined ? new Set<Materialization>() : this.#touched(changes);
    if (defer) {
      for (const m of touched) this.#stale.add(m);
      return { deltas, failures };
    }
    for (const m of this.#stale) touched.add(m);
    this.#stale.clear();
    for (const m of touched) {
      stats.viewsRecomputed++;
      const before = m.rows;
      try {
        this.#unwatch(m);
        m.rows = this.#run(m);
      } catch (error) {
        failures.set(m.source.key, error);
        continue;
      } finally {
        this.#watch(m);
      }
      const delta = diffRows(before, m.rows);
      if (delta.inserts.length > 0 || delta.deletes.length > 0) deltas.set(m.source.key, delta);
    }
    return { deltas, failures };
  }

  #run(m: Materialization): readonly Uint8Array[] {
    if (this.runner === undefined) throw noRunner(m.source);
    const tx = new RecordingReadTx(
      this.read(),
      (indexId) => this.#index(indexId).tableId,
      (indexId) => this.#exactIndex(indexId),
    );
    const rows = [...this.runner(m.source.view, m.source.sender, tx)];
    m.reads = tx.readSet;
    return rows;
  }

  #touched(changes: TxChanges): Set<Materialization> {
    const touched = new Set<Materialization>(changes.tables.length > 0 ? this.#readNothing : []);
    for (const table of changes.tables) {
      for (const m of this.#tableReaders.get(table.tableId) ?? []) touched.add(m);
      const schema = this.schema.tables[table.tableId];
      if (schema === undefined) continue;
      for (const index of schema.indexes) {
        const readers = this.#pointReaders.get(index.indexId);
        if (readers === undefined) continue;
        const layout = this.#tableLayout(table.tableId);
        for (const row of [...table.inserts, ...table.deletes]) {
          const bound = new BoundRow(row, layout);
          const key = concatBytes(index.columns.map((col) => bound.column(col)));
          for (const m of readers.get(key) ?? []) touched.add(m);
        }
      }
    }
    return touched;
  }

  #watch(m: Materialization): void {
    if (m.reads.tables.size === 0 && m.reads.points.size === 0) this.#readNothing.add(m);
    for (const tableId of m.reads.tables) setOf(this.#tableReaders, tableId).add(m);
    for (const [indexId, keys] of m.reads.points) {
      let byKey = this.#pointReaders.get(indexId);
      if (byKey === undefined) {
        byKey = new BytesMap();
        this.#pointReaders.set(indexId, byKey);
      }
      for (const [key] of keys.entries()) byKey.upsert(key, () => new Set()).add(m);
    }
  }

  #unwatch(m: Materialization): void {
    this.#readNothing.delete(m);
    for (const tableId of m.reads.tables) removeFrom(this.#tableReaders, tableId, m);
    for (const [indexId, keys] of m.reads.points) {
      const byKey = this.#pointReaders.get(indexId);
      if (byKey === undefined) continue;
      for (const [key] of keys.entries()) {
        const readers = byKey.get(key);
        readers?.delete(m);
        if (readers?.size === 0) byKey.delete(key);
      }
      if (byKey.size === 0) this.#pointReaders.delete(indexId);
    }
  }

  #index(indexId: number): IndexSchema {
    const index = this.#indexes.get(indexId);
    if (index === undefined) throw new Error(`no index ${indexId}`);
    return index;
  }

  #exactIndex(indexId: number): boolean {
    const index = this.#index(indexId);
    const columns = this.schema.tables[index.tableId]!.columns;
    return index.columns.every((col) => !['F32', 'F64'].includes(columns[col]!.type.tag));
  }

  #tableLayout(tableId: number): RowLayout {
    let layout = this.#tableLayouts.get(tableId);
    if (layout === undefined) {
      layout = new RowLayout(this.schema.tables[tableId]!, this.schema.typespace);
      this.#tableLayouts.set(tableId, layout);
    }
    return layout;
  }
}

function noRunner(source: ViewSource): Error {
  return new Error(`view \`${source.view}\` cannot be materialised: no view runner`);
}
