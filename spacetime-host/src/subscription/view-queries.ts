import type { ReadTx } from '../datastore/datastore.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { CompileCache } from './compile-cache.js';
import { compileSubscription } from './compile-subscription.js';
import { evaluateDelta, type QueryDelta } from './evaluate-delta.js';
import { EVERY_CHANGE, QueryIndex, type Side, type SourceDelta } from './query-index.js';
import { SourceReader } from './source-reader.js';
import type { SubscriptionPlan } from './subscription-plan.js';
import type { SubscriptionStats } from './subscription-stats.js';

/** One distinct query that views returned, and the view materialisations whose rows it is. */
interface ViewQuery<M> {
  readonly sql: string;
  readonly plan: SubscriptionPlan;
  readonly readers: Set<M>;
}

/**
 * The queries query-builder views returned, compiled into subscription plans
 * and routed like subscriptions (by table, equality value, join edge), so a
 * commit reaches a view's rows as a delta of its query, without running the
 * view or its query again (SpacetimeDB subscribes the query a view returns).
 * Views returning the same query share one plan, evaluated once per commit.
 */
export class ViewQueries<M> {
  readonly #bySql = new Map<string, ViewQuery<M>>();
  readonly #readerQuery = new Map<M, ViewQuery<M>>();
  readonly #index = new QueryIndex<ViewQuery<M>>();
  readonly #cache: CompileCache;

  constructor(private readonly schema: ModuleSchema) {
    this.#cache = new CompileCache(schema);
  }

  /**
   * False when `sql` cannot be kept incrementally: it does not compile as a
   * subscription (e.g. a join without the indexes subscriptions need) or
   * reads an event table. Such views run whole, their query included.
   */
  canFollow(sql: string): boolean {
    return this.#bySql.has(sql) || this.#compile(sql) !== undefined;
  }

  /** Makes `reader`'s rows follow `sql` (replacing what it followed); `canFollow(sql)` must hold. */
  follow(reader: M, sql: string): void {
    this.unfollow(reader);
    let query = this.#bySql.get(sql);
    if (query === undefined) {
      const plan = this.#compile(sql);
      if (plan === undefined) throw new Error(`view query cannot be followed: ${sql}`);
      query = { sql, plan, readers: new Set() };
      this.#bySql.set(sql, query);
      this.#index.add(query);
    }
    query.readers.add(reader);
    this.#readerQuery.set(reader, query);
  }

  unfollow(reader: M): void {
    const query = this.#readerQuery.get(reader);
    if (query === undefined) return;
    this.#readerQuery.delete(reader);
    query.readers.delete(reader);
    if (query.readers.size > 0) return;
    this.#bySql.delete(query.sql);
    this.#index.remove(query);
  }

  /** True when some followed query reads source `key` (`t:<tableId>`). */
  reads(key: string): boolean {
    return this.#index.reads(key);
  }

  /**
   * What a commit's table changes did to each followed query, handed to
   * `apply` once per reader with changes. A query whose evaluation throws
   * reports the error to `fail` for each reader instead.
   */
  evaluate(
    deltas: ReadonlyMap<string, SourceDelta>,
    read: ReadTx,
    stats: SubscriptionStats,
    apply: (reader: M, delta: QueryDelta) => void,
    fail: (reader: M, error: unknown) => void,
  ): void {
    if (this.#bySql.size === 0 || deltas.size === 0) return;
    const reader = new SourceReader(read, () => [], stats);
    const evaluate = (query: ViewQuery<M>, sides: readonly (Side | undefined)[]) => {
      stats.queriesEvaluated++;
      let delta: QueryDelta | undefined;
      try {
        delta = evaluateDelta(query.plan, sides, deltas, reader, stats);
      } catch (error) {
        for (const m of query.readers) fail(m, error);
        return;
      }
      if (delta === undefined) return;
      for (const m of query.readers) apply(m, delta);
    };
    const { everyChange, routed } = this.#index.route(deltas, read, stats);
    for (const query of everyChange) evaluate(query, EVERY_CHANGE);
    for (const [query, sides] of routed) evaluate(query, sides);
  }

  #compile(sql: string): SubscriptionPlan | undefined {
    let plans: SubscriptionPlan[];
    try {
      // As the database owner: a view's query may read private tables.
      plans = compileSubscription(sql, {
        schema: this.schema,
        sender: 0n,
        callerIsOwner: true,
        cache: this.#cache,
      });
    } catch {
      return undefined;
    }
    const [plan] = plans;
    if (plans.length !== 1 || plan === undefined) return undefined;
    if (plan.rels.some((rel) => rel.source.kind !== 'table' || rel.source.table.isEvent)) {
      return undefined;
    }
    return plan;
  }
}
