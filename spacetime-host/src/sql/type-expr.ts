import type { AlgebraicType } from '../sats/algebraic-type.js';
import type { SqlExpr } from './ast.js';
import { literalText } from './ast.js';
import { parseLiteral } from './literal.js';
import { scalarCodec } from './scalar.js';
import { findColumn } from './schema-view.js';
import { typeError } from './sql-error.js';
import { formatType, specialType, typesEqual } from './sql-type.js';
import { BOOL, type Relvar, type TypedExpr, typeOf } from './typed.js';

export const IDENTITY_TYPE: AlgebraicType = {
  tag: 'Product',
  value: { elements: [{ name: '__identity__', algebraicType: { tag: 'U256' } }] },
};

/** What an expression may refer to: the tables in scope and the caller, for `:sender`. */
export interface ExprScope {
  readonly relvars: readonly Relvar[];
  readonly sender: bigint;
}

/**
 * SpacetimeDB's `type_expr`: types `expr` against `expected` (undefined when
 * the context does not say), inferring a literal's type from the column it is
 * compared with.
 */
export function typeExpr(scope: ExprScope, expr: SqlExpr, expected?: AlgebraicType): TypedExpr {
  switch (expr.kind) {
    case 'lit': {
      const lit = expr.lit;
      if (lit.kind === 'bool') {
        if (expected !== undefined && expected.tag !== 'Bool') throw unexpectedType(BOOL, expected);
        return { kind: 'value', type: BOOL, value: lit.value };
      }
      if (expected === undefined) throw typeError('Cannot resolve type for literal expression');
      const value = parseLiteral(lit.text, expected);
      if (value === undefined) throw invalidLiteral(literalText(lit), expected);
      return { kind: 'value', type: expected, value };
    }
    case 'sender':
      return typeSender(scope.sender, expected);
    case 'var':
      throw typeError(`\`${expr.name}\` is not in scope`);
    case 'field': {
      const rel = scope.relvars.findIndex((r) => r.alias === expr.table);
      if (rel < 0) throw typeError(`\`${expr.table}\` is not in scope`);
      const column = findColumn(scope.relvars[rel]!.table, expr.field);
      if (column === undefined) throw typeError(`\`${expr.field}\` is not in scope`);
      if (expected !== undefined && !typesEqual(column.type, expected)) {
        throw unexpectedType(column.type, expected);
      }
      return { kind: 'field', rel, col: column.colId, type: column.type };
    }
    case 'log': {
      if (expected !== undefined && expected.tag !== 'Bool') throw unexpectedType(BOOL, expected);
      const left = typeExpr(scope, expr.left, BOOL);
      const right = typeExpr(scope, expr.right, BOOL);
      return { kind: expr.op === 'AND' ? 'and' : 'or', left, right };
    }
    case 'bin': {
      if (expected !== undefined && expected.tag !== 'Bool') throw unexpectedType(BOOL, expected);
      let left: TypedExpr;
      let right: TypedExpr;
      // A literal on the left takes its type from the right: `1 = t.a`.
      if (expr.left.kind === 'lit' || expr.left.kind === 'sender') {
        right = typeExpr(scope, expr.right);
        left = typeExpr(scope, expr.left, typeOf(right));
      } else {
        left = typeExpr(scope, expr.left);
        right = typeExpr(scope, expr.right, typeOf(left));
      }
      const operandType = typeOf(left);
      if (scalarCodec(operandType) === undefined) {
        throw typeError(
          `Invalid binary operator \`${expr.op}\` for type \`${formatType(operandType)}\``,
        );
      }
      return { kind: 'cmp', op: expr.op, operandType, left, right };
    }
  }
}

/** `:sender` is the caller's identity, or its 32 big-endian bytes when compared with bytes. */
function typeSender(sender: bigint, expected: AlgebraicType | undefined): TypedExpr {
  if (expected === undefined || specialType(expected) === 'identity') {
    return { kind: 'value', type: expected ?? IDENTITY_TYPE, value: sender };
  }
  if (specialType(expected) === 'bytes') {
    const bytes = Buffer.from(sender.toString(16).padStart(64, '0'), 'hex');
    return { kind: 'value', type: expected, value: new Uint8Array(bytes) };
  }
  throw unexpectedType(IDENTITY_TYPE, expected);
}

export function unexpectedType(expected: AlgebraicType, inferred: AlgebraicType): Error {
  return typeError(
    `Unexpected type: (expected) ${formatType(expected)} != ${formatType(inferred)} (inferred)`,
  );
}

export function invalidLiteral(literal: string, type: AlgebraicType): Error {
  return typeError(
    `The literal expression \`${literal}\` cannot be parsed as type \`${formatType(type)}\``,
  );
}
