import type { TableSchema } from '../schema/module-schema.js';
import type { Predicate } from '../sql/compile-expr.js';
import type { RowLayout } from '../sql/row-layout.js';
import type { TypedSelect } from '../sql/typed.js';

/**
 * A compiled subscription query: `SELECT * FROM t [WHERE ...]` or a two-table
 * join returning one side, over tables or materialised views. Compiled per
 * caller (`:sender` and per-sender views are resolved), shared by every query
 * set whose query has the same `key`.
 */
export interface SubscriptionPlan {
  /** The trimmed SQL, plus the caller's identity when the result depends on it. */
  readonly key: string;
  /** The trimmed SQL, for error messages. */
  readonly sql: string;
  readonly select: TypedSelect;
  /** One per table in FROM, in FROM order (`rel` numbers). */
  readonly rels: readonly RelPlan[];
  /** The rel whose rows the query returns. */
  readonly returnRel: number;
  /** The name the client knows the returned table (or view) by. */
  readonly tableName: string;
  /** The returned table is an event table: its rows arrive as events and are never stored. */
  readonly returnsEvents: boolean;
  /** Single table: the whole WHERE. Join: the conjuncts that read both rows. */
  readonly filter?: Predicate;
  readonly joinEdge?: JoinEdge;
}

/** Where a rel's rows come from: a table, or one materialisation of a view. */
export type SourceRef =
  | { readonly kind: 'table'; readonly key: string; readonly table: TableSchema }
  | {
      readonly kind: 'view';
      readonly key: string;
      /** The view's rows as a table (no indexes); its `tableId` is SQL's, not the datastore's. */
      readonly table: TableSchema;
      readonly view: string;
      /** The caller, for a per-sender view; undefined for an anonymous one. */
      readonly sender: bigint | undefined;
    };

export interface RelPlan {
  readonly rel: number;
  readonly source: SourceRef;
  readonly layout: RowLayout;
  /** The conjuncts of WHERE that read this rel alone: a row failing them joins nothing. */
  readonly local?: Predicate;
  /**
   * A top-level equality on one column (`c = v`, or `c = v OR c = w`), with
   * the BSATN of its values: only rows with one of them can match, so changes
   * are routed to the query by value (SpacetimeDB's search arguments).
   */
  readonly search?: { readonly col: number; readonly values: readonly Uint8Array[] };
  /** Joins only: this rel's join column and how to find its rows by a value of it. */
  readonly joinCol?: number;
  readonly probe?: Probe;
}

/** How to find a rel's current rows whose join column has a given value. */
export type Probe =
  /** An index whose last column is the join column; `prefix` fixes the others from WHERE. */
  | { readonly kind: 'point'; readonly indexId: number; readonly prefix?: Uint8Array }
  /** A btree index whose first column is the join column. */
  | { readonly kind: 'prefix'; readonly indexId: number }
  /** No usable index: the rel's rows are scanned (once per commit, then hashed). */
  | { readonly kind: 'scan' };

/**
 * SpacetimeDB's `JoinEdge`: for `SELECT a.* FROM a JOIN b ON a.x = b.k WHERE
 * b.y = v` with `b.k` unique, a change to `a` concerns the query only when
 * the `b` row it joins has `b.y = v`, so `a`'s changes are routed by that value.
 */
export interface JoinEdge {
  readonly otherRel: number;
  /** The unique one-column index on the other rel's join column. */
  readonly uniqueIndexId: number;
  readonly otherCol: number;
  readonly values: readonly Uint8Array[];
}
