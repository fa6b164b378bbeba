import { syntaxError, unsupported } from './sql-error.js';
import type { TokenStream } from './token-stream.js';

/**
 * A scalar expression as a general SQL parser reads it (sqlparser's `Expr`),
 * before SpacetimeDB's rules decide what is supported. Keeping the two stages
 * apart lets `a + 1` fail as "Unsupported binary operator: +" rather than as a
 * syntax error, as it does in SpacetimeDB.
 */
export type RawExpr = (
  | { readonly kind: 'ident'; readonly parts: readonly string[] }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'hex'; readonly text: string }
  /** NULL, B'..', N'..': parsed, never supported. */
  | { readonly kind: 'other-literal' }
  | { readonly kind: 'placeholder'; readonly text: string }
  | { readonly kind: 'nested'; readonly inner: RawExpr }
  | { readonly kind: 'unary'; readonly op: '+' | '-' | 'NOT'; readonly operand: RawExpr }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: RawExpr;
      readonly right: RawExpr;
    }
  | { readonly kind: 'function'; readonly name: string; readonly args: FunctionArgs }
  /** IS NULL, IN (...), LIKE, BETWEEN, CASE, CAST, subqueries: never supported. */
  | { readonly kind: 'other' }
) & { readonly text: string };

/** `*`, or expressions, with DISTINCT noted: enough to tell `COUNT(*)` from everything else. */
export type FunctionArgs =
  | { readonly kind: 'star' }
  | { readonly kind: 'exprs'; readonly distinct: boolean; readonly count: number };

/** sqlparser's binding powers for the PostgreSQL dialect, loosest first. */
const INFIX: Readonly<Record<string, number>> = {
  OR: 5,
  AND: 10,
  '=': 20,
  '<': 20,
  '>': 20,
  '<=': 20,
  '>=': 20,
  '<>': 20,
  '!=': 20,
  '||': 30,
  '+': 30,
  '-': 30,
  '*': 40,
  '/': 40,
  '%': 40,
};

const PREDICATE_KEYWORDS = ['IS', 'IN', 'LIKE', 'ILIKE', 'BETWEEN', 'SIMILAR'];
const UNSUPPORTED_PREFIX = ['CASE', 'CAST', 'EXISTS', 'INTERVAL', 'ARRAY', 'EXTRACT', 'ANY', 'ALL'];

/** sqlparser's default recursion budget: nesting (parentheses, unary operators) beyond it is refused. */
const MAX_DEPTH = 50;

export function parseRawExpr(tokens: TokenStream, minPower = 0, depth = 0): RawExpr {
  if (depth > MAX_DEPTH) throw syntaxError('recursion limit exceeded');
  const start = tokens.position;
  let left = parsePrefix(tokens, depth);
  for (;;) {
    const predicate = parsePredicate(tokens, start, minPower, depth);
    if (predicate) {
      left = predicate;
      continue;
    }
    const op = infixOperator(tokens);
    const power = op === undefined ? undefined : INFIX[op];
    if (op === undefined || power === undefined || power <= minPower) return left;
    tokens.next();
    const right = parseRawExpr(tokens, power, depth + 1);
    left = { kind: 'binary', op, left, right, text: tokens.textFrom(start) };
  }
}

function infixOperator(tokens: TokenStream): string | undefined {
  const token = tokens.peek();
  if (token.kind === 'symbol') return token.text;
  if (tokens.isKeyword('AND')) return 'AND';
  if (tokens.isKeyword('OR')) return 'OR';
  return undefined;
}

/** `x IS NULL`, `x [NOT] IN (...)`, `x [NOT] LIKE y`, `x [NOT] BETWEEN a AND b`, `x::t`: consumed whole. */
function parsePredicate(
  tokens: TokenStream,
  start: number,
  minPower: number,
  depth: number,
): RawExpr | undefined {
  if (tokens.isSymbol('::') && minPower < 50) {
    // A Postgres cast, `x::u32`.
    tokens.next();
    tokens.identifier();
    return { kind: 'other', text: tokens.textFrom(start) };
  }
  const negated = tokens.isKeyword('NOT');
  const keyword = PREDICATE_KEYWORDS.find((k) => tokens.isKeyword(k, negated ? 1 : 0));
  if (keyword === undefined || minPower >= 20) return undefined;
  if (negated) tokens.next();
  tokens.next();
  if (keyword === 'IS') {
    tokens.eatKeyword('NOT');
    if (tokens.eatKeyword('DISTINCT')) {
      tokens.expectKeyword('FROM');
      parseRawExpr(tokens, 20, depth + 1);
    } else {
      tokens.identifier();
    }
  } else if (keyword === 'IN') {
    skipParenthesized(tokens);
  } else if (keyword === 'BETWEEN') {
    parseRawExpr(tokens, 20, depth + 1);
    tokens.expectKeyword('AND');
    parseRawExpr(tokens, 20, depth + 1);
  } else {
    if (keyword === 'SIMILAR') tokens.expectKeyword('TO');
    parseRawExpr(tokens, 20, depth + 1);
  }
  return { kind: 'other', text: tokens.textFrom(start) };
}

function parsePrefix(tokens: TokenStream, depth: number): RawExpr {
  const start = tokens.position;
  const token = tokens.next();
  const text = () => tokens.textFrom(start);
  switch (token.kind) {
    case 'number':
      return { kind: 'number', text: token.text };
    case 'string':
      return { kind: 'string', text: token.text };
    case 'hex':
      return { kind: 'hex', text: token.text };
    case 'other-literal':
      return { kind: 'other-literal', text: text() };
    case 'placeholder':
      return { kind: 'placeholder', text: token.text };
    case 'end':
      throw syntaxError('Expected an expression:, found: EOF');
    case 'symbol':
      return parseSymbolPrefix(tokens, token.text, start, depth);
    case 'word':
      return parseWordPrefix(tokens, token, start, depth);
  }
}

function parseSymbolPrefix(
  tokens: TokenStream,
  symbol: string,
  start: number,
  depth: number,
): RawExpr {
  if (symbol === '-' || symbol === '+') {
    const operand = parseRawExpr(tokens, 50, depth + 1);
    return { kind: 'unary', op: symbol, operand, text: tokens.textFrom(start) };
  }
  if (symbol === '(') {
    if (tokens.isKeyword('SELECT') || tokens.isKeyword('WITH')) {
      throw unsupported(`Unsupported expression: ${tokens.restFrom(start)}`);
    }
    const inner = parseRawExpr(tokens, 0, depth + 1);
    tokens.expectSymbol(')');
    return { kind: 'nested', inner, text: tokens.textFrom(start) };
  }
  throw syntaxError(`Expected an expression:, found: ${symbol}`);
}

function parseWordPrefix(
  tokens: TokenStream,
  token: { readonly text: string; readonly quoted: boolean },
  start: number,
  depth: number,
): RawExpr {
  const upper = token.quoted ? '' : token.text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE')
    return { kind: 'bool', value: upper === 'TRUE', text: token.text };
  if (upper === 'NULL') return { kind: 'other-literal', text: token.text };
  if (upper === 'NOT') {
    const operand = parseRawExpr(tokens, 15, depth + 1);
    return { kind: 'unary', op: 'NOT', operand, text: tokens.textFrom(start) };
  }
  if (UNSUPPORTED_PREFIX.includes(upper)) {
    throw unsupported(`Unsupported expression: ${tokens.restFrom(start)}`);
  }
  const parts = [token.text];
  while (tokens.isSymbol('.') && tokens.peek(1).kind === 'word') {
    tokens.next();
    parts.push(tokens.identifier());
  }
  if (tokens.isSymbol('(')) return parseFunction(tokens, parts.join('.'), start);
  return { kind: 'ident', parts, text: tokens.textFrom(start) };
}

function parseFunction(tokens: TokenStream, name: string, start: number): RawExpr {
  tokens.expectSymbol('(');
  let args: FunctionArgs;
  if (tokens.eatSymbol('*')) {
    args = { kind: 'star' };
  } else {
    const distinct = tokens.eatKeyword('DISTINCT');
    let count = 0;
    if (!tokens.isSymbol(')')) {
      do {
        parseRawExpr(tokens);
        count++;
      } while (tokens.eatSymbol(','));
    }
    args = { kind: 'exprs', distinct, count };
  }
  tokens.expectSymbol(')');
  if (tokens.isKeyword('OVER') || tokens.isKeyword('FILTER')) {
    throw unsupported(`Unsupported expression: ${tokens.restFrom(start)}`);
  }
  return { kind: 'function', name, args, text: tokens.textFrom(start) };
}

/** Consumes `( ... )` with any nesting; the contents are never supported anyway. */
export function skipParenthesized(tokens: TokenStream): void {
  tokens.expectSymbol('(');
  let open = 1;
  while (open > 0) {
    const token = tokens.next();
    if (token.kind === 'end') tokens.fail(')');
    if (token.kind === 'symbol' && token.text === '(') open++;
    if (token.kind === 'symbol' && token.text === ')') open--;
  }
}
