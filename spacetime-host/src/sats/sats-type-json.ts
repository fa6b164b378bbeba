import type { AlgebraicType, ProductType, SumType } from './algebraic-type.js';

/**
 * The SATS-JSON of a type, as SpacetimeDB writes the `schema` of a `/sql`
 * result or the types in `/schema`: an `AlgebraicType` is
 * `{"<Variant>": payload}` with `[]` for a payload-less variant (`{"U32": []}`),
 * an array is `{"Array": <element type>}`, a ref is `{"Ref": n}`, and a name is
 * an option: `{"some": "id"}` or `{"none": []}`.
 */
export function algebraicTypeToJson(type: AlgebraicType): unknown {
  switch (type.tag) {
    case 'Ref':
      return { Ref: type.value };
    case 'Product':
      return { Product: productTypeToJson(type.value) };
    case 'Sum':
      return { Sum: sumTypeToJson(type.value) };
    case 'Array':
      return { Array: algebraicTypeToJson(type.value) };
    default:
      return { [type.tag]: [] };
  }
}

export function productTypeToJson(type: ProductType): unknown {
  return {
    elements: type.elements.map((e) => ({
      name: optionalName(e.name),
      algebraic_type: algebraicTypeToJson(e.algebraicType),
    })),
  };
}

export function sumTypeToJson(type: SumType): unknown {
  return {
    variants: type.variants.map((v) => ({
      name: optionalName(v.name),
      algebraic_type: algebraicTypeToJson(v.algebraicType),
    })),
  };
}

function optionalName(name: string | undefined): unknown {
  return name === undefined ? { none: [] } : { some: name };
}
