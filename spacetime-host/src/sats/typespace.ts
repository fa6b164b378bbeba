import type { AlgebraicType } from './algebraic-type.js';

/** The module's typespace: `Ref(n)` in a type means `types[n]`. */
export interface Typespace {
  readonly types: readonly AlgebraicType[];
}

export const EMPTY_TYPESPACE: Typespace = { types: [] };

/** Follows top-level Refs until a non-Ref type; throws on a dangling or cyclic Ref. */
export function resolveType(ty: AlgebraicType, typespace: Typespace): AlgebraicType {
  let current = ty;
  let hops = 0;
  while (current.tag === 'Ref') {
    const next = typespace.types[current.value];
    if (next === undefined) {
      throw new RangeError(`type Ref(${current.value}) is out of range of the typespace`);
    }
    if (++hops > typespace.types.length) {
      throw new RangeError(`type Ref(${current.value}) refers to itself`);
    }
    current = next;
  }
  return current;
}

/**
 * Replaces every Ref in `ty`, at any depth, by the type it names. Column types
 * are stored this way so nothing downstream needs the typespace; recursive
 * types cannot be stored in a table and are rejected.
 */
export function resolveTypeDeep(ty: AlgebraicType, typespace: Typespace): AlgebraicType {
  return resolveDeep(ty, typespace, []);
}

function resolveDeep(ty: AlgebraicType, typespace: Typespace, refPath: number[]): AlgebraicType {
  switch (ty.tag) {
    case 'Ref': {
      if (refPath.includes(ty.value)) {
        throw new RangeError(`type Ref(${ty.value}) is recursive`);
      }
      const target = typespace.types[ty.value];
      if (target === undefined) {
        throw new RangeError(`type Ref(${ty.value}) is out of range of the typespace`);
      }
      return resolveDeep(target, typespace, [...refPath, ty.value]);
    }
    case 'Product':
      return {
        tag: 'Product',
        value: {
          elements: ty.value.elements.map((e) => ({
            name: e.name,
            algebraicType: resolveDeep(e.algebraicType, typespace, refPath),
          })),
        },
      };
    case 'Sum':
      return {
        tag: 'Sum',
        value: {
          variants: ty.value.variants.map((v) => ({
            name: v.name,
            algebraicType: resolveDeep(v.algebraicType, typespace, refPath),
          })),
        },
      };
    case 'Array':
      return { tag: 'Array', value: resolveDeep(ty.value, typespace, refPath) };
    default:
      return ty;
  }
}
