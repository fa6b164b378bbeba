import type { TableSchema } from '../schema/module-schema.js';
import type { Projection, SqlSelect } from './ast.js';
import { parseIntLiteral } from './literal.js';
import type { SchemaView } from './schema-view.js';
import { typeError, unsupported } from './sql-error.js';
import { type ExprScope, invalidLiteral, typeExpr } from './type-expr.js';
import {
  BOOL,
  type FieldRef,
  type Relvar,
  type TypedProjection,
  type TypedSelect,
} from './typed.js';

/** SpacetimeDB's `SqlChecker::type_set`: FROM, then WHERE, then the projection, then LIMIT. */
export function typeSelect(select: SqlSelect, view: SchemaView, sender: bigint): TypedSelect {
  const relvars: Relvar[] = [
    { alias: select.from.alias, table: resolveTable(view, select.from.table) },
  ];
  const scope: ExprScope = { relvars, sender };
  const joins: (readonly [FieldRef, FieldRef] | undefined)[] = [];
  for (const join of select.from.joins) {
    if (relvars.some((r) => r.alias === join.alias))
      throw typeError(`Duplicate name \`${join.alias}\``);
    relvars.push({ alias: join.alias, table: resolveTable(view, join.table) });
    if (join.on === undefined) {
      joins.push(undefined);
      continue;
    }
    const on = typeExpr(scope, join.on, BOOL);
    // The parser only lets `a.x = b.y` through.
    if (on.kind !== 'cmp' || on.left.kind !== 'field' || on.right.kind !== 'field') {
      throw unsupported('Non-inner joins are not supported');
    }
    joins.push([on.left, on.right]);
  }
  const filter = select.filter === undefined ? undefined : typeExpr(scope, select.filter, BOOL);
  const projection = typeProjection(select.projection, scope);
  return { kind: 'select', relvars, joins, filter, projection, limit: typeLimit(select.limit) };
}

/** A table the caller may see; views are not tables here (spacetime-host does not materialise them for SQL). */
export function resolveTable(view: SchemaView, name: string): TableSchema {
  const table = view.table(name);
  if (table !== undefined) return table;
  if (view.isUnreadableView(name)) {
    throw unsupported(`\`${name}\` is a view; spacetime-host does not run SQL over views yet`);
  }
  throw typeError(`no such table: \`${name}\`. If the table exists, it may be marked private.`);
}

function typeProjection(projection: Projection, scope: ExprScope): TypedProjection {
  switch (projection.kind) {
    case 'star': {
      if (projection.table === undefined) {
        if (scope.relvars.length > 1) throw typeError('SELECT * is not supported for joins');
        return { kind: 'star', rel: 0 };
      }
      const rel = scope.relvars.findIndex((r) => r.alias === projection.table);
      if (rel < 0) throw typeError(`\`${projection.table}\` is not in scope`);
      return { kind: 'star', rel };
    }
    case 'count':
      return { kind: 'count', name: projection.alias };
    case 'columns': {
      const names = new Set<string>();
      const columns = projection.columns.map(({ column, alias }) => {
        if (names.has(alias)) throw typeError(`Duplicate name \`${alias}\``);
        names.add(alias);
        const typed = typeExpr(scope, column);
        if (typed.kind !== 'field') throw typeError('Unsupported expression in projection');
        return { name: alias, rel: typed.rel, col: typed.col, type: typed.type };
      });
      return { kind: 'columns', columns };
    }
  }
}

function typeLimit(limit: string | undefined): bigint | undefined {
  if (limit === undefined) return undefined;
  const n = parseIntLiteral(limit, 'U64');
  if (n === undefined) throw invalidLiteral(limit, { tag: 'U64' });
  return n;
}
