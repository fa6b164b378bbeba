import type { ReadTx } from '../datastore/datastore.js';
import { BoundRow, type RowLayout } from '../sql/row-layout.js';
import { BytesMap } from './bytes-map.js';
import type { JoinEdge, SubscriptionPlan } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';

/** A source's net changes in one commit, rows bound to its layout. */
export interface SourceDelta {
  readonly inserts: readonly BoundRow[];
  readonly deletes: readonly BoundRow[];
}

/** Which of a rel's changed rows a query must look at: all of them, or those routed to it by value. */
export type Side = 'all' | { readonly inserts: BoundRow[]; readonly deletes: BoundRow[] };

/** The sides of a single-table query that sees every change of its table. */
export const EVERY_CHANGE: readonly Side[] = Object.freeze(['all'] as const);

export interface Routing<Q> {
  /** Single-table queries that see every change of their table (most queries, cheapest path). */
  readonly everyChange: readonly Q[];
  /** Other affected queries, with the rows each rel must look at (undefined: none). */
  readonly routed: ReadonlyMap<Q, readonly (Side | undefined)[]>;
}

interface Indexed {
  readonly plan: SubscriptionPlan;
}

interface Handle<Q> {
  readonly query: Q;
  readonly rel: number;
}

interface EdgeRoutes<Q> {
  readonly joinCol: number;
  readonly uniqueIndexId: number;
  readonly otherLayout: RowLayout;
  readonly otherCol: number;
  readonly byValue: BytesMap<Set<Handle<Q>>>;
}

interface SourceRoutes<Q> {
  /** Rels that must see every change of the source. */
  readonly all: Set<Handle<Q>>;
  /** column → value → rels whose equality on that column allows the value. */
  readonly byValue: Map<number, BytesMap<Set<Handle<Q>>>>;
  readonly edges: Map<string, EdgeRoutes<Q>>;
}

/**
 * Routes a commit's changes to the queries they can affect, so a commit
 * touching one row costs work for the queries that row can match, not for
 * every subscription (SpacetimeDB's `SubscriptionManager` tables, search
 * arguments and join edges). Each (query, rel) is routed one way: by the
 * values of its equality on a column, by a join edge, or on every change.
 */
export class QueryIndex<Q extends Indexed> {
  readonly #sources = new Map<string, SourceRoutes<Q>>();
  readonly #handles = new Map<Q, readonly Handle<Q>[]>();

  add(query: Q): void {
    const { plan } = query;
    const handles = plan.rels.map((rel): Handle<Q> => ({ query, rel: rel.rel }));
    this.#handles.set(query, handles);
    for (const handle of handles) {
      const rel = plan.rels[handle.rel]!;
      const routes = this.#routes(rel.source.key);
      const edge = plan.joinEdge;
      if (rel.search) {
        let byValue = routes.byValue.get(rel.search.col);
        if (byValue === undefined) {
          byValue = new BytesMap();
          routes.byValue.set(rel.search.col, byValue);
        }
        for (const value of rel.search.values) byValue.upsert(value, newSet).add(handle);
      } else if (edge && handle.rel === plan.returnRel) {
        const other = plan.rels[edge.otherRel]!;
        const edgeKey = edgeKeyOf(edge, rel.joinCol!);
        let routesOfEdge = routes.edges.get(edgeKey);
        if (routesOfEdge === undefined) {
          routesOfEdge = {
            joinCol: rel.joinCol!,
            uniqueIndexId: edge.uniqueIndexId,
            otherLayout: other.layout,
            otherCol: edge.otherCol,
            byValue: new BytesMap(),
          };
          routes.edges.set(edgeKey, routesOfEdge);
        }
        for (const value of edge.values) routesOfEdge.byValue.upsert(value, newSet).add(handle);
      } else {
        routes.all.add(handle);
      }
    }
  }

  remove(query: Q): void {
    const handles = this.#handles.get(query);
    if (handles === undefined) return;
    this.#handles.delete(query);
    const { plan } = query;
    for (const handle of handles) {
      const rel = plan.rels[handle.rel]!;
      const routes = this.#sources.get(rel.source.key);
      if (routes === undefined) continue;
      const edge = plan.joinEdge;
      if (rel.search) {
        const byValue = routes.byValue.get(rel.search.col);
        for (const value of rel.search.values) if (byValue) removeFrom(byValue, value, handle);
        if (byValue?.size === 0) routes.byValue.delete(rel.search.col);
      } else if (edge && handle.rel === plan.returnRel) {
        const edgeKey = edgeKeyOf(edge, rel.joinCol!);
        const routesOfEdge = routes.edges.get(edgeKey);
        for (const value of edge.values)
          if (routesOfEdge) removeFrom(routesOfEdge.byValue, value, handle);
        if (routesOfEdge?.byValue.size === 0) routes.edges.delete(edgeKey);
      } else {
        routes.all.delete(handle);
      }
      if (routes.all.size === 0 && routes.byValue.size === 0 && routes.edges.size === 0) {
        this.#sources.delete(rel.source.key);
      }
    }
  }

  /** Hands `row` to the rels whose equality allows its value. */
  #routeByValue(
    routes: SourceRoutes<Q>,
    row: BoundRow,
    inserted: boolean,
    sidesOf: (query: Q) => (Side | undefined)[],
  ): void {
    for (const [col, byValue] of routes.byValue) {
      const handles = byValue.get(row.column(col));
      if (handles === undefined) continue;
      for (const h of handles) {
        const sides = sidesOf(h.query);
        let side = sides[h.rel];
        if (side === 'all') continue;
        if (side === undefined) {
          side = { inserts: [], deletes: [] };
          sides[h.rel] = side;
        }
        (inserted ? side.inserts : side.deletes).push(row);
      }
    }
  }

  #routes(sourceKey: string): SourceRoutes<Q> {
    let routes = this.#sources.get(sourceKey);
    if (routes === undefined) {
      routes = newRoutes();
      this.#sources.set(sourceKey, routes);
    }
    return routes;
  }

  /** True when some query reads the source (so its changes are worth binding). */
  reads(sourceKey: string): boolean {
    return this.#sources.has(sourceKey);
  }

  /**
   * The queries a commit's changes may affect, and per rel which changed
   * rows to look at. `read` is the state after the commit, for join edges.
   */
  route(
    deltas: ReadonlyMap<string, SourceDelta>,
    read: ReadTx,
    stats: SubscriptionStats,
  ): Routing<Q> {
    const everyChange: Q[] = [];
    const work = new Map<Q, (Side | undefined)[]>();
    const sidesOf = (query: Q) => {
      let sides = work.get(query);
      if (sides === undefined) {
        sides = [];
        work.set(query, sides);
      }
      return sides;
    };
    for (const [key, delta] of deltas) {
      const routes = this.#sources.get(key);
      if (routes === undefined) continue;
      for (const h of routes.all) {
        // A single-table query is reached through this one route only.
        if (h.query.plan.rels.length === 1) everyChange.push(h.query);
        else sidesOf(h.query)[h.rel] = 'all';
      }
      if (routes.byValue.size > 0) {
        for (const row of delta.inserts) this.#routeByValue(routes, row, true, sidesOf);
        for (const row of delta.deletes) this.#routeByValue(routes, row, false, sidesOf);
      }
      for (const edge of routes.edges.values()) {
        const routeByEdge = (row: BoundRow) => {
          stats.indexLookups++;
          const partner = read.indexScanPoint(edge.uniqueIndexId, row.column(edge.joinCol))[0];
          if (partner === undefined) return;
          const value = new BoundRow(partner, edge.otherLayout).column(edge.otherCol);
          for (const h of edge.byValue.get(value) ?? []) sidesOf(h.query)[h.rel] = 'all';
        };
        for (const row of delta.inserts) routeByEdge(row);
        for (const row of delta.deletes) routeByEdge(row);
      }
    }
    // A join edge only decides whether the query runs: once it does, the
    // edge-routed rel sees all its changes (its rows are not pruned by value).
    for (const [query, sides] of work) {
      const edge = query.plan.joinEdge;
      if (edge === undefined) continue;
      const returned = query.plan.rels[query.plan.returnRel]!;
      if (returned.search === undefined) sides[returned.rel] = 'all';
    }
    return { everyChange, routed: work };
  }
}

function newRoutes<Q>(): SourceRoutes<Q> {
  return { all: new Set(), byValue: new Map(), edges: new Map() };
}

function edgeKeyOf(edge: JoinEdge, joinCol: number): string {
  return `${edge.uniqueIndexId}:${joinCol}:${edge.otherCol}`;
}

function newSet<V>(): Set<V> {
  return new Set();
}

function removeFrom<V>(map: BytesMap<Set<V>>, key: Uint8Array, value: V): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
