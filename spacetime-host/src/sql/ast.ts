/**
 * The statements SpacetimeDB's SQL supports (crates/sql-parser/src/ast), after
 * parsing and before names and types are resolved.
 */
export type SqlStatement = SqlSelect | SqlInsert | SqlUpdate | SqlDelete | SqlSetVar | SqlShowVar;

/** A literal as written; its type comes from where it is used. */
export type SqlLiteral =
  | { readonly kind: 'bool'; readonly value: boolean }
  /** `-1`, `+2.5`, `1e3`: the text, sign included. */
  | { readonly kind: 'num'; readonly text: string }
  | { readonly kind: 'str'; readonly text: string }
  /** The digits of `0xAB` or `X'AB'`. */
  | { readonly kind: 'hex'; readonly text: string };

/** `!=` is read as `<>`, as SpacetimeDB prints it. */
export type BinOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

export type SqlExpr =
  | { readonly kind: 'lit'; readonly lit: SqlLiteral }
  /** `:sender`, the caller's identity. */
  | { readonly kind: 'sender' }
  /** A column not qualified by a table; only before qualification. */
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'field'; readonly table: string; readonly field: string }
  | { readonly kind: 'bin'; readonly op: BinOp; readonly left: SqlExpr; readonly right: SqlExpr }
  | {
      readonly kind: 'log';
      readonly op: 'AND' | 'OR';
      readonly left: SqlExpr;
      readonly right: SqlExpr;
    };

export type ColumnRef =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'field'; readonly table: string; readonly field: string };

export type Projection =
  /** `*`, or `t.*` with the table alias. */
  | { readonly kind: 'star'; readonly table?: string }
  | {
      readonly kind: 'columns';
      readonly columns: readonly { readonly column: ColumnRef; readonly alias: string }[];
    }
  | { readonly kind: 'count'; readonly alias: string };

export interface SqlFrom {
  readonly table: string;
  /** The table name itself when no alias is written. */
  readonly alias: string;
  readonly joins: readonly SqlJoin[];
}

export interface SqlJoin {
  readonly table: string;
  readonly alias: string;
  /** Absent for a cross join; otherwise `a.x = b.y`. */
  readonly on?: SqlExpr;
}

export interface SqlSelect {
  readonly kind: 'select';
  readonly projection: Projection;
  readonly from: SqlFrom;
  readonly filter?: SqlExpr;
  /** The digits after LIMIT, typed as a u64 later. */
  readonly limit?: string;
}

export interface SqlInsert {
  readonly kind: 'insert';
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlLiteral[])[];
}

export interface SqlUpdate {
  readonly kind: 'update';
  readonly table: string;
  readonly assignments: readonly { readonly column: string; readonly value: SqlLiteral }[];
  readonly filter?: SqlExpr;
}

export interface SqlDelete {
  readonly kind: 'delete';
  readonly table: string;
  readonly filter?: SqlExpr;
}

/** `SET var = literal` (experimental in SpacetimeDB; only `row_limit` exists). */
export interface SqlSetVar {
  readonly kind: 'set';
  readonly name: string;
  readonly value: SqlLiteral;
}

export interface SqlShowVar {
  readonly kind: 'show';
  readonly name: string;
}

/** The text of a literal as SpacetimeDB quotes it in "cannot be parsed" errors. */
export function literalText(lit: SqlLiteral): string {
  return lit.kind === 'bool' ? String(lit.value) : lit.text;
}
