import type { AlgebraicType } from '../../sats/algebraic-type.js';

export interface FlatTypeGraph {
  /** Every product and sum of the graph, once; cycles go through `Ref`s into this list. */
  readonly types: AlgebraicType[];
  /** The root as a `Ref` into `types`. */
  readonly root: AlgebraicType;
}

/**
 * Turns a type graph as the library's type builders produce it (products and
 * sums shared by identity, cyclic for recursive types such as `AlgebraicType`
 * itself) into a typespace that can be written down as data, renaming every
 * product field with `renameField`.
 */
export function typeGraphToTypespace(
  root: AlgebraicType,
  renameField: (name: string) => string,
): FlatTypeGraph {
  const types: AlgebraicType[] = [];
  const seen = new Map<unknown, number>();

  const visit = (type: AlgebraicType): AlgebraicType => {
    switch (type.tag) {
      case 'Array':
        return { tag: 'Array', value: visit(type.value) };
      case 'Product':
      case 'Sum': {
        if (type.tag === 'Product' && type.value.elements.length === 0) {
          return { tag: 'Product', value: { elements: [] } };
        }
        const known = seen.get(type.value);
        if (known !== undefined) return { tag: 'Ref', value: known };
        const index = types.length;
        seen.set(type.value, index);
        types.push(type);
        types[index] =
          type.tag === 'Product'
            ? {
                tag: 'Product',
                value: {
                  elements: type.value.elements.map((e) => ({
                    name: e.name === undefined ? undefined : renameField(e.name),
                    algebraicType: visit(e.algebraicType),
                  })),
                },
              }
            : {
                tag: 'Sum',
                value: {
                  variants: type.value.variants.map((v) => ({
                    name: v.name,
                    algebraicType: visit(v.algebraicType),
                  })),
                },
              };
        return { tag: 'Ref', value: index };
      }
      default:
        return type;
    }
  };

  return { root: visit(root), types };
}

/** `productTypeRef` → `product_type_ref`: the TypeScript bindings camel-case Rust's field names. */
export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
