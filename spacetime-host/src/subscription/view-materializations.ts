import type { ReadTx, TxChanges } from '../datastore/datastore.js';
import type { IndexSchema, ModuleSchema } from '../schema/module-schema.js';
import { BoundRow, RowLayout } from '../sql/row-layout.js';
import { runViewQuery } from '../sql/run-view-query.js';
import { BytesMap } from './bytes-map.js';
import { concatBytes } from './concat-bytes.js';
import { removeFrom, setOf } from './multimap.js';
import { diffRows, type RowsDelta } from './multiset-diff.js';
import type { SourceDelta } from './query-index.js';
import { type ReadSet, RecordingReadTx } from './recording-read-tx.js';
import { RowBag } from './row-bag.js';
import type { SourceRef } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';
import { ViewQueries } from './view-queries.js';

/**
 * Runs a view over `tx`: the database calls the module's `__call_view__`
 * (with `sender`) or `__call_view_anon__` (sender undefined) over `tx`, so
 * the engine can record what the view read. Returns the view's rows (BSATN
 * of its row type), or the query a query-builder view returned, unrun: the
 * engine runs it and keeps its rows current from each commit's changes, and
 * reruns the view only when what the view function read changes.
 */
export type ViewRunner = (
  viewName: string,
  sender: bigint | undefined,
  tx: ReadTx,
) => readonly Uint8Array[] | { readonly query: string };

type ViewSource = Extract<SourceRef, { kind: 'view' }>;

interface Materialization {
  readonly source: ViewSource;
  readonly layout: RowLayout;
  /** The view's rows; a bag for one kept current from its query's changes (`query` set). */
  rows: readonly Uint8Array[] | RowBag;
  /** What the view read: the view function's reads, plus its query's unless the query is followed. */
  reads: ReadSet;
  /** The query the view returned, when its rows follow it incrementally. */
  query: string | undefined;
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
 * difference (SpacetimeDB keeps view read sets the same way). A view that
 * returned a query is rerun only when what its function read changes; the
 * query's rows follow each commit as a delta (`ViewQueries`), and a rerun
 * returning another query replaces it and reports the difference.
 */
export class ViewMaterializations {
  readonly #all = new Map<string, Materialization>();
  /** tableId → materialisations that read the whole table. */
  readonly #tableReaders = new Map<number, Set<Materialization>>();
  /**
   * Materialisations whose view returned rows and read nothing through the
   * engine's read transaction: a constant view, or a runner that read the
   * datastore directly. Either way nothing says what they depend on, so
   * every commit recomputes them (correct, only slower). A view that
   * returned a query and read nothing is not here: its query is its whole
   * dependency, followed commit by commit (SpacetimeDB never reruns a view
   * with an empty read set either).
   */
  readonly #readNothing = new Set<Materialization>();
  /** Touched by commits whose refresh was deferred; recomputed by the next refresh. */
  readonly #stale = new Set<Materialization>();
  /** indexId → key → materialisations that read that key. */
  readonly #pointReaders = new Map<number, BytesMap<Set<Materialization>>>();
  readonly #tableLayouts = new Map<number, RowLayout>();
  readonly #indexes: ReadonlyMap<number, IndexSchema>;
  readonly #queries: ViewQueries<Materialization>;

  constructor(
    private readonly schema: ModuleSchema,
    private readonly runner: ViewRunner | undefined,
    private readonly read: () => ReadTx,
  ) {
    this.#indexes = new Map(schema.tables.flatMap((t) => t.indexes.map((i) => [i.indexId, i])));
    this.#queries = new ViewQueries(schema);
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
      query: undefined,
      refs: 1,
    };
    try {
      this.#run(m);
    } catch (error) {
      this.#queries.unfollow(m);
      throw error;
    }
    this.#all.set(source.key, m);
    this.#watch(m);
  }

  release(source: ViewSource): void {
    const m = this.#all.get(source.key);
    if (m === undefined || --m.refs > 0) return;
    this.#unwatch(m);
    this.#queries.unfollow(m);
    this.#stale.delete(m);
    this.#all.delete(source.key);
  }

  rows(source: SourceRef): readonly Uint8Array[] {
    const m = this.#all.get(source.key);
    return m === undefined ? [] : rowsOf(m);
  }

  /** The rows of `source` now: its materialisation, or a one-off run of the view. */
  rowsNow(source: ViewSource): readonly Uint8Array[] {
    const m = this.#all.get(source.key);
    if (m !== undefined) return rowsOf(m);
    if (this.runner === undefined) throw noRunner(source);
    const read = this.read();
    const output = this.runner(source.view, source.sender, read);
    return isRows(output) ? output : this.#runQuery(output.query, source, read);
  }

  /** True when a query some view returned reads source `key` (`t:<tableId>`): its changes matter. */
  readsSource(key: string): boolean {
    return this.#queries.reads(key);
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
  refresh(
    changes: TxChanges | undefined,
    tableDeltas: ReadonlyMap<string, SourceDelta>,
    stats: SubscriptionStats,
    defer = false,
  ): ViewRefresh {
    const deltas = new Map<string, RowsDelta>();
    const failures = new Map<string, unknown>();
    if (this.#all.size === 0) return { deltas, failures };
    const touched = changes === undefined ? new Set<Materialization>() : this.#touched(changes);
    // Rerun with a new query or as rows: their rows are the post-state's already.
    const recomputed = new Set<Materialization>();
    if (defer) {
      for (const m of touched) this.#stale.add(m);
    } else {
      for (const m of this.#stale) touched.add(m);
      this.#stale.clear();
      for (const m of touched) {
        stats.viewsRecomputed++;
        const before = rowsOf(m);
        const query = m.query;
        try {
          this.#unwatch(m);
          this.#run(m);
        } catch (error) {
          failures.set(m.source.key, error);
          continue;
        } finally {
          this.#watch(m);
        }
        // The same query again: its rows follow the commit's changes below.
        if (query !== undefined && m.query === query) continue;
        recomputed.add(m);
        const delta = diffRows(before, rowsOf(m));
        if (delta.inserts.length > 0 || delta.deletes.length > 0) deltas.set(m.source.key, delta);
      }
    }
    // No module call: followed queries advance even when reruns are deferred.
    this.#queries.evaluate(
      tableDeltas,
      this.read(),
      stats,
      (m, delta) => {
        if (recomputed.has(m) || failures.has(m.source.key) || !(m.rows instanceof RowBag)) return;
        try {
          m.rows.apply(delta);
        } catch (error) {
          failures.set(m.source.key, error);
          return;
        }
        deltas.set(m.source.key, delta);
      },
      (m, error) => {
        if (!recomputed.has(m)) failures.set(m.source.key, error);
      },
    );
    return { deltas, failures };
  }

  /** Runs `m`'s view, and its query unless the query already followed is returned again. */
  #run(m: Materialization): void {
    if (this.runner === undefined) throw noRunner(m.source);
    const tx = new RecordingReadTx(
      this.read(),
      (indexId) => this.#index(indexId).tableId,
      (indexId) => this.#exactIndex(indexId),
    );
    const output = this.runner(m.source.view, m.source.sender, tx);
    if (isRows(output)) {
      this.#queries.unfollow(m);
      m.query = undefined;
      m.rows = [...output];
      m.reads = tx.readSet;
      return;
    }
    const { query } = output;
    if (query === m.query) {
      m.reads = tx.readSet;
      return;
    }
    if (query.trim() !== '' && this.#queries.canFollow(query)) {
      // Run outside `tx`: only the function's own reads rerun a view whose query is followed.
      const rows = this.#runQuery(query, m.source, this.read());
      this.#queries.follow(m, query);
      m.query = query;
      m.rows = new RowBag(rows);
      m.reads = tx.readSet;
      return;
    }
    const rows = this.#runQuery(query, m.source, tx);
    this.#queries.unfollow(m);
    m.query = undefined;
    m.rows = rows;
    m.reads = tx.readSet;
  }

  /** The rows of the query a view returned; it must select rows of the view's type. */
  #runQuery(query: string, source: ViewSource, tx: ReadTx): Uint8Array[] {
    if (query.trim() === '') return [];
    return runViewQuery(query, this.schema, tx, source.table.rowType);
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
    // A view that returned a query and read nothing returns that query whatever commits.
    const readNothing = m.reads.tables.size === 0 && m.reads.points.size === 0;
    if (readNothing && m.query === undefined) this.#readNothing.add(m);
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

function rowsOf(m: Materialization): readonly Uint8Array[] {
  return m.rows instanceof RowBag ? m.rows.rows() : m.rows;
}

function isRows(output: ReturnType<ViewRunner>): output is readonly Uint8Array[] {
  return Array.isArray(output);
}

function noRunner(source: ViewSource): Error {
  return new Error(`view \`${source.view}\` cannot be materialised: no view runner`);
}
