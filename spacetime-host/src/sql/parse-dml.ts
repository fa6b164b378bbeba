import type { SqlDelete, SqlInsert, SqlLiteral, SqlSetVar, SqlShowVar, SqlUpdate } from './ast.js';
import { toLiteralExpr, toSqlExpr } from './convert-expr.js';
import { qualifyExpr } from './parse-select.js';
import { parseRawExpr } from './raw-expr.js';
import { unsupported } from './sql-error.js';
import type { TokenStream } from './token-stream.js';

/** `INSERT INTO t [(a, b)] VALUES (1, 'x'), (2, 'y')`. */
export function parseInsert(tokens: TokenStream): SqlInsert {
  const start = tokens.position;
  tokens.expectKeyword('INSERT');
  if (tokens.isKeyword('OR')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  tokens.eatKeyword('INTO');
  const table = tokens.objectName();
  const columns: string[] = [];
  if (tokens.eatSymbol('(')) {
    do columns.push(tokens.identifier());
    while (tokens.eatSymbol(','));
    tokens.expectSymbol(')');
  }
  const sourceStart = tokens.position;
  if (!tokens.eatKeyword('VALUES')) {
    if (tokens.isKeyword('SELECT') || tokens.isKeyword('WITH') || tokens.isSymbol('(')) {
      throw unsupported(`Unsupported INSERT expression: ${tokens.restFrom(sourceStart)}`);
    }
    tokens.fail('VALUES');
  }
  const rows: SqlLiteral[][] = [];
  do {
    tokens.expectSymbol('(');
    const row: SqlLiteral[] = [];
    if (!tokens.isSymbol(')')) {
      do row.push(toLiteralExpr(parseRawExpr(tokens), 'Unsupported INSERT value'));
      while (tokens.eatSymbol(','));
    }
    tokens.expectSymbol(')');
    rows.push(row);
  } while (tokens.eatSymbol(','));
  if (tokens.isKeyword('ON') || tokens.isKeyword('RETURNING')) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  return { kind: 'insert', table, columns, rows };
}

/** `UPDATE t SET a = 1, b = 'x' [WHERE predicate]`. */
export function parseUpdate(tokens: TokenStream): SqlUpdate {
  const start = tokens.position;
  tokens.expectKeyword('UPDATE');
  const table = tokens.objectName();
  if (!tokens.isKeyword('SET')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  tokens.next();
  const assignments: { column: string; value: SqlLiteral }[] = [];
  do {
    const column = tokens.objectName();
    tokens.expectSymbol('=');
    const value = toLiteralExpr(
      parseRawExpr(tokens),
      'Unsupported column/variable assignment expression',
    );
    assignments.push({ column, value });
  } while (tokens.eatSymbol(','));
  if (tokens.isKeyword('FROM')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  const filter = tokens.eatKeyword('WHERE') ? toSqlExpr(parseRawExpr(tokens)) : undefined;
  if (tokens.isKeyword('RETURNING')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  return { kind: 'update', table, assignments, filter: filter && qualifyExpr(filter, table) };
}

/** `DELETE FROM t [WHERE predicate]`. */
export function parseDelete(tokens: TokenStream): SqlDelete {
  const start = tokens.position;
  tokens.expectKeyword('DELETE');
  if (!tokens.eatKeyword('FROM')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  const tableStart = tokens.position;
  const table = tokens.objectName();
  if (tokens.isSymbol(',')) throw unsupported('Multi-table DELETE is not supported');
  if (tokens.isKeyword('AS') || isBareAlias(tokens)) {
    tokens.eatKeyword('AS');
    tokens.identifier();
    throw unsupported(`Unsupported table expression in DELETE: ${tokens.textFrom(tableStart)}`);
  }
  if (tokens.isKeyword('USING')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  const filter = tokens.eatKeyword('WHERE') ? toSqlExpr(parseRawExpr(tokens)) : undefined;
  if (tokens.isKeyword('RETURNING')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  return { kind: 'delete', table, filter: filter && qualifyExpr(filter, table) };
}

function isBareAlias(tokens: TokenStream): boolean {
  const token = tokens.peek();
  if (token.kind !== 'word') return false;
  return (
    token.quoted || !['WHERE', 'USING', 'RETURNING', 'JOIN'].includes(token.text.toUpperCase())
  );
}

/** `SET var = literal` or `SET var TO literal`. */
export function parseSetVar(tokens: TokenStream): SqlSetVar {
  const start = tokens.position;
  tokens.expectKeyword('SET');
  if (tokens.isKeyword('LOCAL') || tokens.isKeyword('SESSION')) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  const name = tokens.objectName();
  if (!tokens.eatSymbol('=') && !tokens.eatKeyword('TO')) tokens.fail('equals sign or TO');
  const value = parseRawExpr(tokens);
  if (tokens.isSymbol(',')) throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  return {
    kind: 'set',
    name,
    value: toLiteralExpr(value, 'Unsupported column/variable assignment expression'),
  };
}

/** `SHOW var`. */
export function parseShowVar(tokens: TokenStream): SqlShowVar {
  const start = tokens.position;
  tokens.expectKeyword('SHOW');
  if (
    ['TABLES', 'COLUMNS', 'FUNCTIONS', 'CREATE', 'VARIABLES', 'DATABASES'].some((k) =>
      tokens.isKeyword(k),
    )
  ) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  return { kind: 'show', name: tokens.objectName() };
}
