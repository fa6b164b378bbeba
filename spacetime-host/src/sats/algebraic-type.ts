/**
 * SpacetimeDB's algebraic types, structurally identical to the `spacetimedb`
 * package's `AlgebraicType` values (`{ tag, value }`) but declared here: the
 * package's own declarations do not resolve under NodeNext (its `.d.ts`
 * files use extensionless `export *`). Library values are assignable to these.
 */
export type AlgebraicType =
  | { readonly tag: 'Ref'; readonly value: number }
  | { readonly tag: 'Sum'; readonly value: SumType }
  | { readonly tag: 'Product'; readonly value: ProductType }
  | { readonly tag: 'Array'; readonly value: AlgebraicType }
  | { readonly tag: PrimitiveTag; readonly value?: unknown };

export type PrimitiveTag =
  | 'String'
  | 'Bool'
  | 'I8'
  | 'U8'
  | 'I16'
  | 'U16'
  | 'I32'
  | 'U32'
  | 'I64'
  | 'U64'
  | 'I128'
  | 'U128'
  | 'I256'
  | 'U256'
  | 'F32'
  | 'F64';

export interface ProductType {
  readonly elements: readonly ProductTypeElement[];
}

export interface ProductTypeElement {
  readonly name: string | undefined;
  readonly algebraicType: AlgebraicType;
}

export interface SumType {
  readonly variants: readonly SumTypeVariant[];
}

export interface SumTypeVariant {
  readonly name: string | undefined;
  readonly algebraicType: AlgebraicType;
}

const primitive = <Tag extends PrimitiveTag>(tag: Tag) => ({ tag }) as const;

/** Constructors, named like the library's `AlgebraicType.*`. */
export const Ty = {
  String: primitive('String'),
  Bool: primitive('Bool'),
  I8: primitive('I8'),
  U8: primitive('U8'),
  I16: primitive('I16'),
  U16: primitive('U16'),
  I32: primitive('I32'),
  U32: primitive('U32'),
  I64: primitive('I64'),
  U64: primitive('U64'),
  I128: primitive('I128'),
  U128: primitive('U128'),
  I256: primitive('I256'),
  U256: primitive('U256'),
  F32: primitive('F32'),
  F64: primitive('F64'),
  ref: (index: number): AlgebraicType => ({ tag: 'Ref', value: index }),
  array: (elem: AlgebraicType): AlgebraicType => ({ tag: 'Array', value: elem }),
  /** A product with the given named fields, in order. */
  product: (fields: Readonly<Record<string, AlgebraicType>> = {}): AlgebraicType => ({
    tag: 'Product',
    value: {
      elements: Object.entries(fields).map(([name, algebraicType]) => ({ name, algebraicType })),
    },
  }),
  /** A sum with the given named variants, in tag order. */
  sum: (variants: Readonly<Record<string, AlgebraicType>>): AlgebraicType => ({
    tag: 'Sum',
    value: {
      variants: Object.entries(variants).map(([name, algebraicType]) => ({ name, algebraicType })),
    },
  }),
  /** `some(T) | none`: Some is tag 0. */
  option: (some: AlgebraicType): AlgebraicType => Ty.sum({ some, none: Ty.product() }),
} as const;
