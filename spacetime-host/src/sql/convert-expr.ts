import type { BinOp, ColumnRef, SqlExpr, SqlLiteral } from './ast.js';
import type { RawExpr } from './raw-expr.js';
import { SqlError, unsupported } from './sql-error.js';

const BIN_OPS: Readonly<Record<string, BinOp>> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
};

/** SpacetimeDB's `MAX_RECURSION_EXPR`: a chain of 2,000 ANDs is refused, not a stack overflow. */
const MAX_DEPTH = 1600;

/** SpacetimeDB's `parse_expr`: comparisons, AND, OR, parentheses, columns, literals, `:sender`. */
export function toSqlExpr(raw: RawExpr, depth = 0): SqlExpr {
  if (depth > MAX_DEPTH) {
    throw new SqlError('unsupported', 'Recursion limit exceeded, `sql-parser::parse_expr`');
  }
  const sub = (e: RawExpr) => toSqlExpr(e, depth + 1);
  switch (raw.kind) {
    case 'nested':
      return sub(raw.inner);
    case 'placeholder':
      if (raw.text === ':sender') return { kind: 'sender' };
      throw unsupported(`Unsupported literal expression: ${raw.text}`);
    case 'bool':
    case 'number':
    case 'string':
    case 'hex':
    case 'other-literal':
      return { kind: 'lit', lit: toLiteral(raw) };
    case 'unary':
      if (raw.op !== 'NOT' && raw.operand.kind === 'number') {
        return { kind: 'lit', lit: signed(raw.op, raw.operand.text) };
      }
      throw unsupported(`Unsupported expression: ${raw.text}`);
    case 'ident':
      return toColumnRef(raw.parts);
    case 'binary': {
      if (raw.op === 'AND' || raw.op === 'OR') {
        return { kind: 'log', op: raw.op, left: sub(raw.left), right: sub(raw.right) };
      }
      const op = BIN_OPS[raw.op];
      if (op === undefined) throw unsupported(`Unsupported binary operator: ${raw.op}`);
      return { kind: 'bin', op, left: sub(raw.left), right: sub(raw.right) };
    }
    default:
      throw unsupported(`Unsupported expression: ${raw.text}`);
  }
}

/** `a` is a column; `t.a` (or `ns.t.a`) a column of the table or alias before the last dot. */
export function toColumnRef(parts: readonly string[]): ColumnRef {
  if (parts.length === 1) return { kind: 'var', name: parts[0]! };
  return { kind: 'field', table: parts.slice(0, -1).join('.'), field: parts[parts.length - 1]! };
}

/**
 * A literal where only a literal may stand (INSERT values, UPDATE and SET
 * assignments); `what` words the error as SpacetimeDB does there.
 */
export function toLiteralExpr(raw: RawExpr, what: string): SqlLiteral {
  if (raw.kind === 'unary' && raw.op !== 'NOT' && raw.operand.kind === 'number') {
    return signed(raw.op, raw.operand.text);
  }
  if (raw.kind === 'bool' || raw.kind === 'number' || raw.kind === 'string' || raw.kind === 'hex') {
    return toLiteral(raw);
  }
  if (raw.kind === 'other-literal' || raw.kind === 'placeholder') {
    throw unsupported(`Unsupported literal expression: ${raw.text}`);
  }
  throw unsupported(`${what}: ${raw.text}`);
}

function toLiteral(raw: RawExpr): SqlLiteral {
  switch (raw.kind) {
    case 'bool':
      return { kind: 'bool', value: raw.value };
    case 'number':
      return { kind: 'num', text: raw.text };
    case 'string':
      return { kind: 'str', text: raw.text };
    case 'hex':
      return { kind: 'hex', text: raw.text };
    default:
      throw unsupported(`Unsupported literal expression: ${raw.text}`);
  }
}

function signed(op: '+' | '-', digits: string): SqlLiteral {
  return { kind: 'num', text: `${op}${digits}` };
}
