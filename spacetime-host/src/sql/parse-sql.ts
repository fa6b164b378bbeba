import type { SqlStatement } from './ast.js';
import { parseDelete, parseInsert, parseSetVar, parseShowVar, parseUpdate } from './parse-dml.js';
import { parseSelect } from './parse-select.js';
import { syntaxError, unsupported } from './sql-error.js';
import { TokenStream } from './token-stream.js';
import { type Token, tokenize } from './tokenizer.js';

/** Statements sqlparser knows and SpacetimeDB refuses as a whole: "Unsupported: <statement>". */
const OTHER_STATEMENTS = [
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
  'BEGIN',
  'START',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'EXPLAIN',
  'ANALYZE',
  'GRANT',
  'REVOKE',
  'COPY',
  'MERGE',
  'CALL',
  'DECLARE',
  'FETCH',
  'CLOSE',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'LISTEN',
  'NOTIFY',
  'UNLISTEN',
  'DISCARD',
  'USE',
  'COMMENT',
  'KILL',
  'CACHE',
  'UNCACHE',
  'MSCK',
  'ASSERT',
  'DESCRIBE',
  'DESC',
  'WITH',
  'VALUES',
  'TABLE',
];

/**
 * Parses one statement of SpacetimeDB's SQL (crates/sql-parser/src/parser/sql.rs):
 * exactly one statement per request, with trailing semicolons allowed.
 */
export function parseSql(sql: string): SqlStatement {
  const statements = splitStatements(tokenize(sql));
  if (statements.length > 1) throw unsupported('Multiple SQL statements are not supported');
  const tokens = statements[0];
  if (tokens === undefined) throw unsupported('Empty SQL query');
  const stream = new TokenStream(tokens, sql);
  const statement = parseStatement(stream);
  if (!stream.atEnd()) stream.fail('end of statement');
  return statement;
}

function parseStatement(tokens: TokenStream): SqlStatement {
  const start = tokens.position;
  const first = tokens.peek();
  const keyword = first.kind === 'word' && !first.quoted ? first.text.toUpperCase() : '';
  switch (keyword) {
    case 'SELECT':
      return parseSelect(tokens);
    case 'INSERT':
      return parseInsert(tokens);
    case 'UPDATE':
      return parseUpdate(tokens);
    case 'DELETE':
      return parseDelete(tokens);
    case 'SET':
      return parseSetVar(tokens);
    case 'SHOW':
      return parseShowVar(tokens);
  }
  if (OTHER_STATEMENTS.includes(keyword) || tokens.isSymbol('(')) {
    throw unsupported(`Unsupported: ${tokens.restFrom(start)}`);
  }
  throw syntaxError(
    `Expected an SQL statement, found: ${first.kind === 'end' ? 'EOF' : first.text}`,
  );
}

/** Splits at top-level semicolons, dropping empty statements as sqlparser does. */
function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    const isBoundary = token.kind === 'end' || (token.kind === 'symbol' && token.text === ';');
    if (!isBoundary) {
      current.push(token);
      continue;
    }
    if (current.length > 0) {
      current.push({ kind: 'end', text: '', start: token.start, end: token.start });
      statements.push(current);
    }
    current = [];
  }
  return statements;
}
