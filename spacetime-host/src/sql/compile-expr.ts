import type { BinOp } from './ast.js';
import type { BoundRow } from './row-layout.js';
import { type Scalar, type ScalarCodec, scalarCodec } from './scalar.js';
import type { TypedExpr } from './typed.js';

/** The rows bound so far, one per table in FROM order. */
export type Tuple = readonly BoundRow[];

export type Predicate = (tuple: Tuple) => boolean;

const TESTS: Readonly<Record<BinOp, (order: number) => boolean>> = {
  '=': (o) => o === 0,
  '<>': (o) => o !== 0,
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

/** Compiles a typed boolean expression into a test over a tuple. */
export function compilePredicate(expr: TypedExpr): Predicate {
  switch (expr.kind) {
    case 'and': {
      const left = compilePredicate(expr.left);
      const right = compilePredicate(expr.right);
      return (t) => left(t) && right(t);
    }
    case 'or': {
      const left = compilePredicate(expr.left);
      const right = compilePredicate(expr.right);
      return (t) => left(t) || right(t);
    }
    case 'cmp': {
      const codec = scalarCodec(expr.operandType);
      if (codec === undefined) throw new Error('compared a type without an order');
      const left = compileValue(expr.left, codec);
      const right = compileValue(expr.right, codec);
      const test = TESTS[expr.op];
      return (t) => test(codec.compare(left(t), right(t)));
    }
    case 'value':
      return expr.value === true ? () => true : () => false;
    case 'field': {
      const { rel, col } = expr;
      const codec = scalarCodec(expr.type)!;
      return (t) => t[rel]!.value(col, codec) === true;
    }
  }
}

function compileValue(expr: TypedExpr, codec: ScalarCodec): (tuple: Tuple) => Scalar {
  switch (expr.kind) {
    case 'value': {
      const value = expr.value;
      return () => value;
    }
    case 'field': {
      const { rel, col } = expr;
      return (t) => t[rel]!.value(col, codec);
    }
    default: {
      const test = compilePredicate(expr);
      return (t) => test(t);
    }
  }
}

/** The top-level conjuncts of a filter: `a AND (b AND c)` is `[a, b, c]`. */
export function conjuncts(expr: TypedExpr | undefined): TypedExpr[] {
  if (expr === undefined) return [];
  if (expr.kind === 'and') return [...conjuncts(expr.left), ...conjuncts(expr.right)];
  return [expr];
}

/** The last table (in FROM order) an expression reads, so it can run as soon as that table is bound. */
export function lastRel(expr: TypedExpr): number {
  switch (expr.kind) {
    case 'value':
      return -1;
    case 'field':
      return expr.rel;
    default:
      return Math.max(lastRel(expr.left), lastRel(expr.right));
  }
}
