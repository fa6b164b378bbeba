/**
 * The incremental subscription engine: SpacetimeDB 2.x subscription
 * semantics for the v2 WebSocket protocol (crates/core/src/subscription).
 *
 *   const engine = new SubscriptionEngine({ schema, datastore, owner, views });
 *   engine.subscribe(connectionKey, caller, querySetId, ['SELECT * FROM t WHERE ...'])
 *     → TableRows[]     // SubscribeApplied.rows.tables, one entry per query; throws SubscriptionSqlError
 *   engine.unsubscribe(connectionKey, querySetId, sendDroppedRows = true)
 *     → TableRows[]     // UnsubscribeApplied.rows (empty when not asked); throws SubscriptionSqlError
 *   engine.dropConnection(connectionKey)
 *   engine.querySets(connectionKey) → { querySetId, queries }[]   // to subscribe them again elsewhere
 *   engine.onCommit(txChanges)
 *     → { updates: Map<connectionKey, QuerySetUpdate[]>,   // TransactionUpdate.querySets
 *         failures: QuerySetFailure[] }                    // SubscriptionError, request id None
 *   engine.oneOffQuery(caller, sql) → TableRows             // OneOffQueryResult; throws SubscriptionSqlError
 *   engine.stats, engine.activeQueries, engine.activeViews  // work counters, for tests and metrics
 *
 * Wire shapes (query-set-update.ts) follow v2: a query set's rows are its
 * own, and each of its queries contributes its own rows (SubscribeApplied has
 * one `TableRows` per query; a `TableUpdate` one `TableRowsUpdate` per query
 * that saw the table change). Overlapping queries therefore send a row once
 * per query, and joins once per match; the SDK's client cache counts
 * references per row, so this is what it expects. Identical queries within
 * one set count once. A row changed by an update arrives as a delete plus an
 * insert in the same `TableRowsUpdate`. Event-table rows arrive as `event`
 * rows and never in initial rows.
 *
 * `onCommit` must see every commit, in order, right after it (before the
 * next transaction): joins and views read the committed state as the
 * commit's post-state. The database's `onCommit` listener does exactly that.
 *
 * `views` must run the view over the `tx` it is given (the database's
 * `callViewUnrun(name, caller, tx)`): the engine records what the view
 * reads through it and recomputes the view only when a commit touches that.
 * A view that returns rows and reads nothing through `tx` is recomputed on
 * every commit. A view that returns a query is rerun only for what its
 * function read: the engine compiles the query like a subscription and
 * applies each commit's changes to the view's rows as a delta (a query that
 * does not compile as a subscription runs with the view, as rows).
 */

import type { Caller } from '../database/database-api.js';
import type { Datastore, TxChanges } from '../datastore/datastore.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { BoundRow } from '../sql/row-layout.js';
import { CompileCache } from './compile-cache.js';
import { compileOneOffQuery, compileSubscription } from './compile-subscription.js';
import { evaluateDelta } from './evaluate-delta.js';
import { initialRows } from './initial-rows.js';
import { EVERY_CHANGE, type Side, type SourceDelta } from './query-index.js';
import { QueryRegistry, type QuerySet, type QueryState } from './query-registry.js';
import type {
  CommitUpdates,
  QuerySetFailure,
  TableRows,
  TableRowsUpdate,
} from './query-set-update.js';
import { SourceReader } from './source-reader.js';
import { errorWithSql, SubscriptionSqlError } from './subscription-error.js';
import type { SourceRef, SubscriptionPlan } from './subscription-plan.js';
import { emptyStats, type SubscriptionStats } from './subscription-stats.js';
import { UpdateCollector } from './update-collector.js';
import {
  ViewMaterializations,
  type ViewRefresh,
  type ViewRunner,
} from './view-materializations.js';

export type {
  CommitUpdates,
  QuerySetFailure,
  QuerySetUpdate,
  TableRows,
  TableRowsUpdate,
  TableUpdate,
} from './query-set-update.js';
export { SubscriptionSqlError } from './subscription-error.js';
export type { SubscriptionStats } from './subscription-stats.js';
export type { ViewRunner } from './view-materializations.js';

export interface SubscriptionEngineOptions {
  readonly schema: ModuleSchema;
  /** Read through `committed` at each call. */
  readonly datastore: Pick<Datastore, 'committed'>;
  /** The database owner may subscribe to private tables and views. */
  readonly owner: bigint;
  /** Runs views for subscriptions to them; without it, subscribing to a view fails. */
  readonly views?: ViewRunner;
}

export interface CommitOptions {
  /**
   * The module cannot run views now (a procedure committed from inside its
   * call): update table queries only, and remember which views to recompute
   * at the next `onCommit` or `flushViews()`.
   */
  readonly deferViews?: boolean;
}

/**
 * A query set as it is subscribed: its id and its distinct queries (with
 * `SELECT * FROM *` already expanded to the tables it covered), enough to
 * subscribe it again, e.g. on the engine of the database an update swapped in.
 */
export interface SubscribedQuerySet {
  readonly querySetId: number;
  readonly queries: readonly string[];
}

const NO_UPDATES: CommitUpdates = { updates: new Map(), failures: [] };

export class SubscriptionEngine {
  readonly #schema: ModuleSchema;
  readonly #datastore: Pick<Datastore, 'committed'>;
  readonly #owner: bigint;
  readonly #views: ViewMaterializations;
  readonly #registry: QueryRegistry;
  readonly #compileCache: CompileCache;
  readonly #stats = emptyStats();

  constructor(options: SubscriptionEngineOptions) {
    this.#schema = options.schema;
    this.#datastore = options.datastore;
    this.#owner = options.owner;
    this.#compileCache = new CompileCache(options.schema);
    this.#views = new ViewMaterializations(
      options.schema,
      options.views,
      () => options.datastore.committed,
    );
    this.#registry = new QueryRegistry(this.#views);
  }

  /**
   * Adds query set `querySetId` of a connection and returns its initial rows.
   * All or nothing: a query that does not compile, or a view that throws,
   * leaves nothing subscribed.
   */
  subscribe(
    connectionKey: string,
    caller: Caller,
    querySetId: number,
    queries: readonly string[],
  ): TableRows[] {
    if (this.#registry.find(connectionKey, querySetId) !== undefined) {
      throw new SubscriptionSqlError(
        'query-set',
        `Subscription with id ${querySetId} already exists for this connection`,
      );
    }
    const context = {
      schema: this.#schema,
      sender: caller.identity,
      callerIsOwner: caller.identity === this.#owner,
      cache: this.#compileCache,
    };
    const plans = new Map<string, SubscriptionPlan>();
    for (const sql of queries) {
      for (const plan of compileSubscription(sql, context)) {
        if (!plans.has(plan.key)) plans.set(plan.key, plan);
      }
    }
    const set = this.#registry.add(connectionKey, querySetId, plans.values());
    try {
      return this.#rowsOf(set);
    } catch (error) {
      this.#registry.remove(set);
      throw error;
    }
  }

  /** Removes a query set; returns the rows the client drops (when `sendDroppedRows`). */
  unsubscribe(connectionKey: string, querySetId: number, sendDroppedRows = true): TableRows[] {
    const set = this.#registry.find(connectionKey, querySetId);
    if (set === undefined) {
      throw new SubscriptionSqlError(
        'query-set',
        `Subscription not found: query set ${querySetId}`,
      );
    }
    const rows = sendDroppedRows ? this.#rowsOf(set) : [];
    this.#registry.remove(set);
    return rows;
  }

  dropConnection(connectionKey: string): void {
    for (const set of this.#registry.setsOf(connectionKey)) this.#registry.remove(set);
  }

  /** The connection's query sets, in the order it subscribed them. */
  querySets(connectionKey: string): SubscribedQuerySet[] {
    return this.#registry.setsOf(connectionKey).map((set) => ({
      querySetId: set.id,
      queries: set.queries.map((query) => query.plan.sql),
    }));
  }

  /** What one committed transaction changed for each affected connection. */
  onCommit(changes: TxChanges, options: CommitOptions = {}): CommitUpdates {
    this.#stats.commits++;
    if (this.#registry.size === 0) return NO_UPDATES;
    const deltas = this.#tableDeltas(changes);
    const refresh = this.#views.refresh(changes, deltas, this.#stats, options.deferViews);
    return this.#evaluate(deltas, refresh);
  }

  /**
   * Recomputes the views `onCommit` was told to defer, and returns what that
   * changed as one more update, to send after the deferred commits' ones.
   */
  flushViews(): CommitUpdates {
    if (!this.#views.hasStale) return NO_UPDATES;
    return this.#evaluate(new Map(), this.#views.refresh(undefined, new Map(), this.#stats));
  }

  #evaluate(deltas: Map<string, SourceDelta>, refresh: ViewRefresh): CommitUpdates {
    const read = this.#datastore.committed;
    for (const [key, delta] of refresh.deltas) {
      const layout = this.#views.layout(key)!;
      deltas.set(key, {
        inserts: delta.inserts.map((row) => new BoundRow(row, layout)),
        deletes: delta.deletes.map((row) => new BoundRow(row, layout)),
      });
    }
    const failed = new Map<QuerySet, string>();
    if (refresh.failures.size > 0) {
      for (const query of this.#registry.queries()) {
        const source = query.plan.rels.find((rel) => refresh.failures.has(rel.source.key))?.source;
        if (source === undefined) continue;
        const error = errorWithSql('evaluation', refresh.failures.get(source.key), query.plan.sql);
        for (const set of query.subscribers) if (!failed.has(set)) failed.set(set, error.message);
      }
    }

    const reader = new SourceReader(read, (source) => this.#views.rows(source), this.#stats);
    const collector = new UpdateCollector();
    const evaluate = (query: QueryState, sides: readonly (Side | undefined)[]) => {
      const { plan } = query;
      this.#stats.queriesEvaluated++;
      let delta: ReturnType<typeof evaluateDelta>;
      try {
        delta = evaluateDelta(plan, sides, deltas, reader, this.#stats);
      } catch (error) {
        const message = errorWithSql('evaluation', error, plan.sql).message;
        for (const set of query.subscribers) if (!failed.has(set)) failed.set(set, message);
        return;
      }
      if (delta === undefined) return;
      const rows: TableRowsUpdate = plan.returnsEvents
        ? { kind: 'event', events: delta.inserts }
        : { kind: 'persistent', inserts: delta.inserts, deletes: delta.deletes };
      for (const set of query.subscribers) {
        if (failed.has(set)) continue;
        this.#stats.deliveries++;
        collector.add(set.connectionKey, set.id, plan.tableName, rows);
      }
    };
    const { everyChange, routed } = this.#registry.index.route(deltas, read, this.#stats);
    for (const query of everyChange) evaluate(query, EVERY_CHANGE);
    for (const [query, sides] of routed) evaluate(query, sides);

    const failures: QuerySetFailure[] = [];
    for (const [set, message] of failed) {
      failures.push({ connectionKey: set.connectionKey, querySetId: set.id, message });
      this.#registry.remove(set);
    }
    const updates = collector.result();
    for (const { connectionKey, querySetId } of failures) {
      const sets = updates.get(connectionKey)?.filter((u) => u.querySetId !== querySetId);
      if (sets === undefined) continue;
      if (sets.length > 0) updates.set(connectionKey, sets);
      else updates.delete(connectionKey);
    }
    return { updates, failures };
  }

  /**
   * Runs one query over the current state, as a v2 `OneOffQuery` (the
   * subscription grammar; any join). Throws `SubscriptionSqlError` with the
   * message for `OneOffQueryResult`'s error.
   */
  oneOffQuery(caller: Caller, query: string): TableRows {
    const plan = compileOneOffQuery(query, {
      schema: this.#schema,
      sender: caller.identity,
      callerIsOwner: caller.identity === this.#owner,
      cache: this.#compileCache,
    });
    const viewRows = (source: SourceRef) => {
      if (source.kind !== 'view') return [];
      try {
        return this.#views.rowsNow(source);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new SubscriptionSqlError('evaluation', message, { cause: error });
      }
    };
    const read = this.#datastore.committed;
    const rows = initialRows(plan, read, viewRows, this.#schema.typespace) ?? [];
    return { tableName: plan.tableName, rows };
  }

  /** Work counters since creation (a copy). */
  get stats(): SubscriptionStats {
    return { ...this.#stats };
  }

  /** Distinct queries with at least one subscriber. */
  get activeQueries(): number {
    return this.#registry.size;
  }

  /** View materialisations kept up to date (per sender for per-sender views). */
  get activeViews(): number {
    return this.#views.size;
  }

  #rowsOf(set: QuerySet): TableRows[] {
    const read = this.#datastore.committed;
    const viewRows = (source: SourceRef) => this.#views.rows(source);
    const out: TableRows[] = [];
    for (const { plan } of set.queries) {
      const rows = initialRows(plan, read, viewRows, this.#schema.typespace);
      if (rows !== undefined) out.push({ tableName: plan.tableName, rows });
    }
    return out;
  }

  /**
   * The changed rows of tables some query reads, or some query a view
   * returned reads; an event table's rows are all inserts.
   */
  #tableDeltas(changes: TxChanges): Map<string, SourceDelta> {
    const deltas = new Map<string, SourceDelta>();
    for (const table of changes.tables) {
      const key = `t:${table.tableId}`;
      if (!this.#registry.index.reads(key) && !this.#views.readsSource(key)) continue;
      const layout = this.#compileCache.layout(this.#schema.tables[table.tableId]!);
      const isEvent = this.#schema.tables[table.tableId]!.isEvent;
      deltas.set(key, {
        inserts: table.inserts.map((row) => new BoundRow(row, layout)),
        deletes: isEvent ? [] : table.deletes.map((row) => new BoundRow(row, layout)),
      });
    }
    return deltas;
  }
}
