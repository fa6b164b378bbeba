import type { AlgebraicType, ProductType, SumType } from '../../sats/algebraic-type.js';

/**
 * Reads a SATS-JSON type (`{"U32": []}`, `{"Product": {"elements": [...]}}`,
 * names as `{"some": "id"}`), as the server writes the `schema` of a SQL
 * result or the types of `/schema`, back into an `AlgebraicType`.
 */
export function typeFromJson(json: unknown): AlgebraicType {
  const [tag, payload] = singleEntry(json, 'an algebraic type');
  switch (tag) {
    case 'Ref':
      return { tag: 'Ref', value: Number(payload) };
    case 'Product':
      return { tag: 'Product', value: productTypeFromJson(payload) };
    case 'Sum':
      return { tag: 'Sum', value: sumTypeFromJson(payload) };
    case 'Array':
      return { tag: 'Array', value: typeFromJson(payload) };
    case 'String':
    case 'Bool':
    case 'I8':
    case 'U8':
    case 'I16':
    case 'U16':
    case 'I32':
    case 'U32':
    case 'I64':
    case 'U64':
    case 'I128':
    case 'U128':
    case 'I256':
    case 'U256':
    case 'F32':
    case 'F64':
      return { tag };
    default:
      throw new TypeError(`unknown algebraic type \`${tag}\``);
  }
}

export function productTypeFromJson(json: unknown): ProductType {
  const elements = (json as { elements?: unknown }).elements;
  if (!Array.isArray(elements)) throw new TypeError('a product type needs `elements`');
  return {
    elements: elements.map((e: { name?: unknown; algebraic_type?: unknown }) => ({
      name: optionalName(e.name),
      algebraicType: typeFromJson(e.algebraic_type),
    })),
  };
}

function sumTypeFromJson(json: unknown): SumType {
  const variants = (json as { variants?: unknown }).variants;
  if (!Array.isArray(variants)) throw new TypeError('a sum type needs `variants`');
  return {
    variants: variants.map((v: { name?: unknown; algebraic_type?: unknown }) => ({
      name: optionalName(v.name),
      algebraicType: typeFromJson(v.algebraic_type),
    })),
  };
}

/** `{"some": "x"}` → "x", `{"none": []}` → undefined. */
export function optionalName(json: unknown): string | undefined {
  if (json === null || json === undefined) return undefined;
  const [tag, payload] = singleEntry(json, 'an optional name');
  return tag === 'some' && typeof payload === 'string' ? payload : undefined;
}

function singleEntry(json: unknown, what: string): [string, unknown] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`expected ${what} as {"Variant": payload}`);
  }
  const entries = Object.entries(json);
  if (entries.length !== 1) throw new TypeError(`expected ${what} as {"Variant": payload}`);
  return entries[0]!;
}
