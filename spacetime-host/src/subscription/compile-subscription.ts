import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';
import type { SqlExpr, SqlSelect } from '../sql/ast.js';
import { compilePredicate, conjuncts, type Predicate } from '../sql/compile-expr.js';
import { parseSql } from '../sql/parse-sql.js';
import { SqlError, unsupported } from '../sql/sql-error.js';
import { typeSelect } from '../sql/type-select.js';
import type { TypedExpr, TypedSelect } from '../sql/typed.js';
import { CompileCache } from './compile-cache.js';
import { concatBytes } from './concat-bytes.js';
import { equalityConstants, equalityValues, readsOnly } from './filter-analysis.js';
import { checkJoinIndexes } from './join-index-rule.js';
import { errorWithSql, SubscriptionSqlError } from './subscription-error.js';
import type { JoinEdge, Probe, RelPlan, SourceRef, SubscriptionPlan } from './subscription-plan.js';

/** Who is subscribing: `:sender` and per-sender views resolve to `sender`; owners see private tables. */
export interface CompileContext {
  readonly schema: ModuleSchema;
  readonly sender: bigint;
  readonly callerIsOwner: boolean;
  /** Shared across compilations of one schema; a fresh one when absent. */
  readonly cache?: CompileCache;
}

/** SpacetimeDB's `MAX_SQL_LENGTH` (crates/query), in UTF-8 bytes. */
const MAX_SQL_LENGTH = 50_000;
const SUBSCRIBE_TO_ALL_TABLES = /^\s*SELECT\s+\*\s+FROM\s+\*\s*$/i;
/** Statements sqlparser parses that the subscription grammar refuses as "Non-SELECT queries". */
const NON_QUERIES =
  /^\s*(INSERT|UPDATE|DELETE|SET|SHOW|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE)\b/i;
const RETURN_TYPE =
  'Column projections are not supported in subscriptions; Subscriptions must return a table type';

/**
 * Compiles one query string of a v2 `Subscribe` as SpacetimeDB's
 * `compile_query_with_hashes` does: one plan, or one per visible non-event
 * table for `SELECT * FROM *`. Throws `SubscriptionSqlError` with
 * SpacetimeDB's message, suffixed ``, executing: `<sql>` ``.
 */
export function compileSubscription(text: string, context: CompileContext): SubscriptionPlan[] {
  const ctx: CachedContext = {
    ...context,
    cache: context.cache ?? new CompileCache(context.schema),
  };
  if (SUBSCRIBE_TO_ALL_TABLES.test(text)) {
    return ctx.schema.tables
      .filter((t) => (t.isPublic || ctx.callerIsOwner) && !t.isEvent)
      .map((t) => compileChecked(`SELECT * FROM "${t.name.replaceAll('"', '""')}"`, ctx));
  }
  return [compileChecked(text.trim(), ctx)];
}

/**
 * Compiles the query of a v2 `OneOffQuery` as SpacetimeDB's
 * `execute_one_off_query` does: the subscription grammar, but any join (it
 * runs once, so it needs no index), and errors without the SQL suffix.
 */
export function compileOneOffQuery(text: string, context: CompileContext): SubscriptionPlan {
  const ctx: CachedContext = {
    ...context,
    cache: context.cache ?? new CompileCache(context.schema),
    oneOff: true,
  };
  try {
    checkLength(text);
    return compile(text.trim(), ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SubscriptionSqlError('sql', message, { cause: error });
  }
}

type CachedContext = CompileContext & { readonly cache: CompileCache; readonly oneOff?: boolean };

function checkLength(sql: string): void {
  if (Buffer.byteLength(sql) > MAX_SQL_LENGTH) {
    throw unsupported(`SQL query exceeds maximum allowed length: "${sql.slice(0, 120)}..."`);
  }
}

function compileChecked(sql: string, ctx: CachedContext): SubscriptionPlan {
  try {
    if (sql === '') throw new SqlError('unsupported', 'Empty string');
    checkLength(sql);
    return compile(sql, ctx);
  } catch (error) {
    throw errorWithSql('sql', error, sql);
  }
}

function compile(sql: string, ctx: CachedContext): SubscriptionPlan {
  const statement = parseStatement(sql);
  if (statement.kind !== 'select') throw unsupported('Unsupported: Non-SELECT queries');
  // The subscription grammar has no LIMIT; sqlparser's Display of the query is close to its text.
  if (statement.limit !== undefined) throw unsupported(`Unsupported: ${sql}`);
  const select = typeSelect(statement, ctx.cache.schemaView(ctx.callerIsOwner), ctx.sender);
  if (select.projection.kind !== 'star') throw unsupported(RETURN_TYPE);
  const returnRel = select.projection.rel;
  const join = select.relvars.length > 1 && !ctx.oneOff ? checkJoinIndexes(select) : undefined;

  const filters = conjuncts(select.filter);
  const rels = select.relvars.map((relvar, rel): RelPlan => {
    const source = sourceOf(relvar.table, ctx);
    const mine = filters.filter((f) => readsOnly(f, rel));
    const search = filters.map((f) => equalityValues(f, rel)).find((s) => s !== undefined);
    const joinCol = join?.cols[rel];
    return {
      rel,
      source,
      layout: ctx.cache.layout(relvar.table),
      local: combine(mine),
      search,
      joinCol,
      probe: joinCol === undefined ? undefined : probeFor(source, joinCol, filters, rel),
    };
  });
  const returned = rels[returnRel]!;
  const perSender =
    usesSender(statement) ||
    rels.some((r) => r.source.kind === 'view' && r.source.sender !== undefined);
  return {
    key: perSender ? `${sql}\u0000${ctx.sender.toString(16)}` : sql,
    sql,
    select,
    rels,
    returnRel,
    tableName: returned.source.table.name,
    returnsEvents: returned.source.table.isEvent,
    filter:
      rels.length === 1
        ? combine(filters)
        : combine(filters.filter((f) => !rels.some((r) => readsOnly(f, r.rel)))),
    joinEdge: join === undefined ? undefined : joinEdgeFor(rels, returnRel, select),
  };
}

function parseStatement(sql: string) {
  try {
    return parseSql(sql);
  } catch (error) {
    if (error instanceof SqlError && error.kind === 'unsupported' && NON_QUERIES.test(sql)) {
      throw unsupported('Unsupported: Non-SELECT queries');
    }
    throw error;
  }
}

function sourceOf(table: TableSchema, ctx: CompileContext): SourceRef {
  if (table.tableId < ctx.schema.tables.length) {
    return { kind: 'table', key: `t:${table.tableId}`, table };
  }
  const view = ctx.schema.views.find((v) => v.name === table.name);
  if (view === undefined) throw new Error(`no view ${table.name}`);
  const sender = view.perSender ? ctx.sender : undefined;
  return {
    kind: 'view',
    key: `v:${view.name}:${sender === undefined ? '*' : sender.toString(16)}`,
    table,
    view: view.name,
    sender,
  };
}

/** The cheapest way to find a rel's rows by join column value; views and unindexed tables are scanned. */
function probeFor(
  source: SourceRef,
  joinCol: number,
  filters: readonly TypedExpr[],
  rel: number,
): Probe {
  if (source.kind === 'view') return { kind: 'scan' };
  const indexes = source.table.indexes;
  const exact = indexes.find((i) => i.columns.length === 1 && i.columns[0] === joinCol);
  if (exact) return { kind: 'point', indexId: exact.indexId };
  const fixed = equalityConstants(filters, rel);
  const composite = indexes.find(
    (i) =>
      i.columns[i.columns.length - 1] === joinCol &&
      i.columns.slice(0, -1).every((col) => fixed.has(col)),
  );
  if (composite) {
    const prefix = concatBytes(composite.columns.slice(0, -1).map((col) => fixed.get(col)!));
    return { kind: 'point', indexId: composite.indexId, prefix };
  }
  const leading = indexes.find((i) => i.algorithm === 'btree' && i.columns[0] === joinCol);
  if (leading) return { kind: 'prefix', indexId: leading.indexId };
  return { kind: 'scan' };
}

/** SpacetimeDB's `join_edge_for_plan`: only when the other side is a filtered table joined on a unique column. */
function joinEdgeFor(
  rels: readonly RelPlan[],
  returnRel: number,
  select: TypedSelect,
): JoinEdge | undefined {
  const returned = rels[returnRel]!;
  const other = rels[1 - returnRel]!;
  if (returned.search || !other.search || other.source.kind !== 'table') return undefined;
  if (returned.source.key === other.source.key) return undefined;
  const unique = select.relvars[other.rel]!.table.indexes.find(
    (i) => i.unique && i.columns.length === 1 && i.columns[0] === other.joinCol,
  );
  if (unique === undefined) return undefined;
  return {
    otherRel: other.rel,
    uniqueIndexId: unique.indexId,
    otherCol: other.search.col,
    values: other.search.values,
  };
}

function combine(exprs: readonly TypedExpr[]): Predicate | undefined {
  if (exprs.length === 0) return undefined;
  return exprs.map(compilePredicate).reduce((a, b) => (t) => a(t) && b(t));
}

function usesSender(select: SqlSelect): boolean {
  const has = (expr: SqlExpr | undefined): boolean =>
    expr !== undefined &&
    (expr.kind === 'sender' ||
      ((expr.kind === 'bin' || expr.kind === 'log') && (has(expr.left) || has(expr.right))));
  return has(select.filter) || select.from.joins.some((j) => has(j.on));
}
