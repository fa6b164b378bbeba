import { QueryIndex } from './query-index.js';
import { errorWithSql, SubscriptionSqlError } from './subscription-error.js';
import type { SourceRef, SubscriptionPlan } from './subscription-plan.js';
import type { ViewMaterializations } from './view-materializations.js';

/** One distinct query, shared by every query set that subscribed to it. */
export interface QueryState {
  readonly plan: SubscriptionPlan;
  readonly subscribers: Set<QuerySet>;
}

/** A v2 query set: a connection's `querySetId` and its distinct queries. */
export interface QuerySet {
  readonly connectionKey: string;
  readonly id: number;
  readonly queries: QueryState[];
}

/**
 * Who subscribed to what: each connection's query sets, each distinct query
 * once with its subscribers (SpacetimeDB's `SubscriptionManager` clients and
 * queries), the routing index over those queries, and the view
 * materialisations they hold.
 */
export class QueryRegistry {
  readonly index = new QueryIndex<QueryState>();
  readonly #connections = new Map<string, Map<number, QuerySet>>();
  readonly #queries = new Map<string, QueryState>();

  constructor(private readonly views: ViewMaterializations) {}

  /** Distinct queries with at least one subscriber. */
  get size(): number {
    return this.#queries.size;
  }

  queries(): IterableIterator<QueryState> {
    return this.#queries.values();
  }

  find(connectionKey: string, querySetId: number): QuerySet | undefined {
    return this.#connections.get(connectionKey)?.get(querySetId);
  }

  setsOf(connectionKey: string): QuerySet[] {
    return [...(this.#connections.get(connectionKey)?.values() ?? [])];
  }

  /**
   * Registers query set `id` for `plans` (distinct keys), materialising the
   * views a new query reads. All or nothing: when a view throws, nothing
   * stays registered and the error names the query.
   */
  add(connectionKey: string, id: number, plans: Iterable<SubscriptionPlan>): QuerySet {
    if (this.find(connectionKey, id) !== undefined) {
      throw new SubscriptionSqlError(
        'query-set',
        `Subscription with id ${id} already exists for this connection`,
      );
    }
    const set: QuerySet = { connectionKey, id, queries: [] };
    try {
      for (const plan of plans) set.queries.push(this.#attach(plan, set));
    } catch (error) {
      this.#detachAll(set);
      throw error;
    }
    let sets = this.#connections.get(connectionKey);
    if (sets === undefined) {
      sets = new Map();
      this.#connections.set(connectionKey, sets);
    }
    sets.set(id, set);
    return set;
  }

  remove(set: QuerySet): void {
    const sets = this.#connections.get(set.connectionKey);
    if (sets?.get(set.id) === set) {
      sets.delete(set.id);
      if (sets.size === 0) this.#connections.delete(set.connectionKey);
    }
    this.#detachAll(set);
  }

  #attach(plan: SubscriptionPlan, set: QuerySet): QueryState {
    let query = this.#queries.get(plan.key);
    if (query === undefined) {
      const acquired: SourceRef[] = [];
      try {
        for (const { source } of plan.rels) {
          if (source.kind !== 'view') continue;
          this.views.acquire(source);
          acquired.push(source);
        }
      } catch (error) {
        for (const source of acquired) if (source.kind === 'view') this.views.release(source);
        throw errorWithSql('evaluation', error, plan.sql);
      }
      query = { plan, subscribers: new Set() };
      this.#queries.set(plan.key, query);
      this.index.add(query);
    }
    query.subscribers.add(set);
    return query;
  }

  #detachAll(set: QuerySet): void {
    for (const query of set.queries) {
      query.subscribers.delete(set);
      if (query.subscribers.size > 0) continue;
      this.#queries.delete(query.plan.key);
      this.index.remove(query);
      for (const { source } of query.plan.rels) {
        if (source.kind === 'view') this.views.release(source);
      }
    }
    set.queries.length = 0;
  }
}
