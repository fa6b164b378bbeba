import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { resolveType, type Typespace } from '../sats/typespace.js';

/** SATS's special newtypes, recognised by shape as SpacetimeDB's `is_identity()` and friends do. */
export type SpecialType =
  | 'identity'
  | 'connection-id'
  | 'timestamp'
  | 'time-duration'
  | 'uuid'
  | 'bytes';

const NEWTYPES: readonly (readonly [SpecialType, string, AlgebraicType['tag']])[] = [
  ['identity', '__identity__', 'U256'],
  ['connection-id', '__connection_id__', 'U128'],
  ['timestamp', '__timestamp_micros_since_unix_epoch__', 'I64'],
  ['time-duration', '__time_duration_micros__', 'I64'],
  ['uuid', '__uuid__', 'U128'],
];

export function specialType(type: AlgebraicType): SpecialType | undefined {
  if (type.tag === 'Array') return type.value.tag === 'U8' ? 'bytes' : undefined;
  if (type.tag !== 'Product' || type.value.elements.length !== 1) return undefined;
  const element = type.value.elements[0]!;
  const match = NEWTYPES.find(
    ([, name, tag]) => element.name === name && element.algebraicType.tag === tag,
  );
  return match?.[0];
}

/** SpacetimeDB's `fmt_algebraic_type`, used in type errors: `U32`, `Array<String>`, `(__identity__: U256)`. */
export function formatType(type: AlgebraicType): string {
  switch (type.tag) {
    case 'Ref':
      return String(type.value);
    case 'Array':
      return `Array<${formatType(type.value)}>`;
    case 'Product':
      return `(${type.value.elements.map((e, i) => `${e.name ?? i}: ${formatType(e.algebraicType)}`).join(', ')})`;
    case 'Sum': {
      const variants = type.value.variants;
      if (variants.length === 0) return '(|)';
      return `(${variants.map((v) => `${v.name === undefined ? '' : `${v.name}: `}${formatType(v.algebraicType)}`).join(' | ')})`;
    }
    default:
      return type.tag;
  }
}

/** Structural equality, names included, as SATS's `Eq` on types. */
export function typesEqual(a: AlgebraicType, b: AlgebraicType): boolean {
  if (a.tag !== b.tag) return false;
  switch (a.tag) {
    case 'Ref':
      return a.value === (b as typeof a).value;
    case 'Array':
      return typesEqual(a.value, (b as typeof a).value);
    case 'Product': {
      const other = (b as typeof a).value.elements;
      const mine = a.value.elements;
      return (
        mine.length === other.length &&
        mine.every(
          (e, i) =>
            e.name === other[i]!.name && typesEqual(e.algebraicType, other[i]!.algebraicType),
        )
      );
    }
    case 'Sum': {
      const other = (b as typeof a).value.variants;
      const mine = a.value.variants;
      return (
        mine.length === other.length &&
        mine.every(
          (v, i) =>
            v.name === other[i]!.name && typesEqual(v.algebraicType, other[i]!.algebraicType),
        )
      );
    }
    default:
      return true;
  }
}

/**
 * Replaces every Ref by its type, at any depth, as SpacetimeDB's table schemas
 * carry them (the `/sql` schema shows no Refs). A recursive type keeps the Ref
 * where it recurs.
 */
export function resolveDeep(
  type: AlgebraicType,
  typespace: Typespace,
  seen: readonly number[] = [],
): AlgebraicType {
  if (type.tag === 'Ref') {
    if (seen.includes(type.value)) return type;
    return resolveDeep(resolveType(type, typespace), typespace, [...seen, type.value]);
  }
  switch (type.tag) {
    case 'Array':
      return { tag: 'Array', value: resolveDeep(type.value, typespace, seen) };
    case 'Product':
      return { tag: 'Product', value: resolveProduct(type.value, typespace, seen) };
    case 'Sum':
      return {
        tag: 'Sum',
        value: {
          variants: type.value.variants.map((v) => ({
            name: v.name,
            algebraicType: resolveDeep(v.algebraicType, typespace, seen),
          })),
        },
      };
    default:
      return type;
  }
}

function resolveProduct(
  type: ProductType,
  typespace: Typespace,
  seen: readonly number[],
): ProductType {
  return {
    elements: type.elements.map((e) => ({
      name: e.name,
      algebraicType: resolveDeep(e.algebraicType, typespace, seen),
    })),
  };
}
