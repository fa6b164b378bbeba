import type { AlgebraicType } from '../sats/algebraic-type.js';
import type { TableSchema } from '../schema/module-schema.js';
import type { BinOp } from './ast.js';
import type { Scalar } from './scalar.js';

/**
 * Statements after name resolution and type checking (SpacetimeDB's
 * crates/expr): every name is a table or column, every literal a value of
 * the type it is compared with.
 */
export type TypedStatement =
  | TypedSelect
  | TypedInsert
  | TypedUpdate
  | TypedDelete
  | TypedSetVar
  | TypedShowVar;

/** A table in FROM under its alias; `rel` numbers count in FROM order. */
export interface Relvar {
  readonly alias: string;
  readonly table: TableSchema;
}

export interface FieldRef {
  readonly rel: number;
  readonly col: number;
}

export type TypedExpr =
  | { readonly kind: 'value'; readonly type: AlgebraicType; readonly value: Scalar }
  | ({ readonly kind: 'field'; readonly type: AlgebraicType } & FieldRef)
  /** Both sides have `operandType`; the result is a bool. */
  | {
      readonly kind: 'cmp';
      readonly op: BinOp;
      readonly operandType: AlgebraicType;
      readonly left: TypedExpr;
      readonly right: TypedExpr;
    }
  | { readonly kind: 'and' | 'or'; readonly left: TypedExpr; readonly right: TypedExpr };

export const BOOL: AlgebraicType = { tag: 'Bool' };

export function typeOf(expr: TypedExpr): AlgebraicType {
  return expr.kind === 'value' || expr.kind === 'field' ? expr.type : BOOL;
}

export type TypedProjection =
  | { readonly kind: 'star'; readonly rel: number }
  | {
      readonly kind: 'columns';
      readonly columns: readonly ({
        readonly name: string;
        readonly type: AlgebraicType;
      } & FieldRef)[];
    }
  | { readonly kind: 'count'; readonly name: string };

export interface TypedSelect {
  readonly kind: 'select';
  readonly relvars: readonly Relvar[];
  /** `joins[i]` joins `relvars[i + 1]` to an earlier relvar, or is undefined for a cross join. */
  readonly joins: readonly (readonly [FieldRef, FieldRef] | undefined)[];
  readonly filter?: TypedExpr;
  readonly projection: TypedProjection;
  readonly limit?: bigint;
}

export interface TypedInsert {
  readonly kind: 'insert';
  readonly table: TableSchema;
  /** Each row's BSATN. */
  readonly rows: readonly Uint8Array[];
}

export interface TypedUpdate {
  readonly kind: 'update';
  readonly table: TableSchema;
  /** New values by column, as BSATN. */
  readonly assignments: ReadonlyMap<number, Uint8Array>;
  readonly filter?: TypedExpr;
}

export interface TypedDelete {
  readonly kind: 'delete';
  readonly table: TableSchema;
  readonly filter?: TypedExpr;
}

export interface TypedSetVar {
  readonly kind: 'set';
  readonly name: string;
  readonly value: bigint;
}

export interface TypedShowVar {
  readonly kind: 'show';
  readonly name: string;
}
