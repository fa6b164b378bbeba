import type { ColumnRef, Projection, SqlExpr, SqlFrom, SqlJoin, SqlSelect } from './ast.js';
import { toColumnRef, toSqlExpr } from './convert-expr.js';
import { parseRawExpr, type RawExpr, skipParenthesized } from './raw-expr.js';
import { SqlError, unsupported } from './sql-error.js';
import type { TokenStream } from './token-stream.js';

/** Words that end a select item or table reference instead of naming its alias (sqlparser's lists). */
const RESERVED_FOR_ALIAS = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'ON',
  'JOIN',
  'INNER',
  'CROSS',
  'FULL',
  'LEFT',
  'RIGHT',
  'NATURAL',
  'USING',
  'OUTER',
  'SET',
  'WITH',
  'SELECT',
  'INTO',
  'RETURNING',
  'WINDOW',
  'QUALIFY',
  'LATERAL',
  'FOR',
  'AND',
  'OR',
  'AS',
  'VALUES',
  'END',
  'SORT',
  'CLUSTER',
  'DISTRIBUTE',
  'TOP',
  'VIEW',
  'EXPLAIN',
  'ANALYZE',
]);

type SelectItem =
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'qualified-wildcard'; readonly table: string; readonly text: string }
  | {
      readonly kind: 'expr';
      readonly expr: RawExpr;
      readonly alias?: string;
      readonly text: string;
    };

/** `SELECT projection FROM relation [WHERE predicate] [LIMIT n]`, as SpacetimeDB's `parse_select`. */
export function parseSelect(tokens: TokenStream): SqlSelect {
  const start = tokens.position;
  tokens.expectKeyword('SELECT');
  if (tokens.isKeyword('DISTINCT') || tokens.isKeyword('TOP')) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  tokens.eatKeyword('ALL');
  const items = parseSelectItems(tokens);
  if (!tokens.eatKeyword('FROM')) {
    if (tokens.isKeyword('INTO')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
    if (!isClauseEnd(tokens)) tokens.fail('end of statement');
    throw new SqlError('unsupported', 'A FROM clause is required');
  }
  const from = parseFrom(tokens);
  const filterRaw = tokens.eatKeyword('WHERE') ? parseRawExpr(tokens) : undefined;
  if (
    ['GROUP', 'HAVING', 'ORDER', 'OFFSET', 'FETCH', 'FOR', 'WINDOW', 'QUALIFY'].some((k) =>
      tokens.isKeyword(k),
    )
  ) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  let limit: string | undefined;
  if (tokens.eatKeyword('LIMIT')) {
    const token = tokens.peek();
    if (token.kind !== 'number' || !isClauseEnd(tokens, 1))
      throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
    tokens.next();
    limit = token.text;
  }
  if (['UNION', 'EXCEPT', 'INTERSECT', 'OFFSET', 'FETCH', 'FOR'].some((k) => tokens.isKeyword(k))) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  const projection = toProjection(items);
  const filter = filterRaw === undefined ? undefined : toSqlExpr(filterRaw);
  return qualify({ kind: 'select', projection, from, filter, limit });
}

function isClauseEnd(tokens: TokenStream, ahead = 0): boolean {
  return tokens.peek(ahead).kind === 'end' || tokens.isSymbol(';', ahead);
}

function parseSelectItems(tokens: TokenStream): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const start = tokens.position;
    if (tokens.eatSymbol('*')) {
      items.push({ kind: 'wildcard' });
      continue;
    }
    if (isQualifiedWildcard(tokens)) {
      const table = tokens.objectName();
      tokens.expectSymbol('.');
      tokens.expectSymbol('*');
      items.push({ kind: 'qualified-wildcard', table, text: tokens.textFrom(start) });
      continue;
    }
    const expr = parseRawExpr(tokens);
    const text = tokens.textFrom(start);
    items.push({ kind: 'expr', expr, alias: parseAlias(tokens), text });
  } while (tokens.eatSymbol(','));
  return items;
}

/** `t.*` or `ns.t.*`: words joined by dots, ending in `.*`. */
function isQualifiedWildcard(tokens: TokenStream): boolean {
  let ahead = 0;
  while (tokens.peek(ahead).kind === 'word' && tokens.isSymbol('.', ahead + 1)) {
    if (tokens.isSymbol('*', ahead + 2)) return true;
    ahead += 2;
  }
  return false;
}

/** `[AS] alias`; without AS, any word that is not a clause keyword. */
function parseAlias(tokens: TokenStream): string | undefined {
  if (tokens.eatKeyword('AS')) return tokens.identifier();
  const token = tokens.peek();
  if (
    token.kind === 'word' &&
    (token.quoted || !RESERVED_FOR_ALIAS.has(token.text.toUpperCase()))
  ) {
    return tokens.identifier();
  }
  return undefined;
}

/** SpacetimeDB's `parse_projection`. */
function toProjection(items: readonly SelectItem[]): Projection {
  if (items.length === 1) {
    const item = items[0]!;
    if (item.kind === 'wildcard') return { kind: 'star' };
    if (item.kind === 'qualified-wildcard') return { kind: 'star', table: item.table };
    if (item.expr.kind === 'function') {
      if (item.alias === undefined)
        throw unsupported('Aggregate expressions must have column aliases');
      const { name, args } = item.expr;
      if (name.toLowerCase() === 'count' && args.kind === 'star')
        return { kind: 'count', alias: item.alias };
      throw unsupported(`Unsupported aggregate function: ${item.expr.text}`);
    }
  }
  const columns = items.map((item) => {
    if (item.kind !== 'expr') throw unsupported('Mixed wildcard projections are not supported');
    const column = toProjectedColumn(item.expr);
    const alias = item.alias ?? (column.kind === 'var' ? column.name : column.field);
    return { column, alias };
  });
  return { kind: 'columns', columns };
}

function toProjectedColumn(raw: RawExpr): ColumnRef {
  if (raw.kind === 'ident') return toColumnRef(raw.parts);
  throw unsupported(`Unsupported projection expression: ${raw.text}`);
}

/** `t [AS a] { [INNER | CROSS] JOIN u [AS b] [ON a.x = b.y] }`. */
function parseFrom(tokens: TokenStream): SqlFrom {
  const { table, alias } = parseRelvar(tokens);
  const joins: SqlJoin[] = [];
  for (;;) {
    if (tokens.isSymbol(',')) throw unsupported('Implicit joins are not supported');
    if (tokens.eatKeyword('CROSS')) {
      tokens.expectKeyword('JOIN');
      joins.push(parseRelvar(tokens));
      continue;
    }
    const inner = tokens.eatKeyword('INNER');
    if (!tokens.eatKeyword('JOIN')) {
      if (inner) tokens.fail('JOIN');
      if (['LEFT', 'RIGHT', 'FULL', 'NATURAL', 'OUTER'].some((k) => tokens.isKeyword(k))) {
        throw unsupported('Non-inner joins are not supported');
      }
      break;
    }
    const relvar = parseRelvar(tokens);
    if (tokens.eatKeyword('USING')) throw unsupported('Non-inner joins are not supported');
    if (!tokens.eatKeyword('ON')) {
      joins.push(relvar);
      continue;
    }
    const on = parseRawExpr(tokens);
    const isColumn = (e: RawExpr) => e.kind === 'ident';
    if (on.kind !== 'binary' || on.op !== '=' || !isColumn(on.left) || !isColumn(on.right)) {
      throw unsupported('Non-inner joins are not supported');
    }
    joins.push({ ...relvar, on: toSqlExpr(on) });
  }
  return { table, alias, joins };
}

function parseRelvar(tokens: TokenStream): { table: string; alias: string } {
  const start = tokens.position;
  if (tokens.isSymbol('(')) {
    skipParenthesized(tokens);
    parseAlias(tokens);
    throw unsupported(`Unsupported FROM expression: ${tokens.textFrom(start)}`);
  }
  const table = tokens.objectName();
  if (tokens.isSymbol('(')) {
    skipParenthesized(tokens);
    throw unsupported(`Unsupported FROM expression: ${tokens.textFrom(start)}`);
  }
  const alias = parseAlias(tokens) ?? table;
  if (tokens.isSymbol('(')) {
    skipParenthesized(tokens);
    throw unsupported(`Unsupported FROM expression: ${tokens.textFrom(start)}`);
  }
  return { table, alias };
}

/**
 * SpacetimeDB's `qualify_vars` and `find_unqualified_vars`: with one table,
 * bare column names belong to it; with joins they must be qualified.
 */
function qualify(select: SqlSelect): SqlSelect {
  const { from, projection, filter } = select;
  if (from.joins.length === 0) {
    const alias = from.alias;
    return {
      ...select,
      projection:
        projection.kind === 'columns'
          ? {
              kind: 'columns',
              columns: projection.columns.map(({ column, alias: name }) => ({
                column: qualifyColumn(column, alias),
                alias: name,
              })),
            }
          : projection,
      filter: filter && qualifyExpr(filter, alias),
    };
  }
  const unqualified =
    from.joins.some((j) => j.on !== undefined && hasVar(j.on)) ||
    (projection.kind === 'columns' && projection.columns.some((c) => c.column.kind === 'var')) ||
    (filter !== undefined && hasVar(filter));
  if (unqualified) throw unsupported('Names must be qualified when using joins');
  return select;
}

function qualifyColumn(column: ColumnRef, table: string): ColumnRef {
  return column.kind === 'var' ? { kind: 'field', table, field: column.name } : column;
}

export function qualifyExpr(expr: SqlExpr, table: string): SqlExpr {
  switch (expr.kind) {
    case 'var':
      return { kind: 'field', table, field: expr.name };
    case 'bin':
    case 'log':
      return {
        ...expr,
        left: qualifyExpr(expr.left, table),
        right: qualifyExpr(expr.right, table),
      };
    default:
      return expr;
  }
}

function hasVar(expr: SqlExpr): boolean {
  if (expr.kind === 'var') return true;
  if (expr.kind === 'bin' || expr.kind === 'log') return hasVar(expr.left) || hasVar(expr.right);
  return false;
}
