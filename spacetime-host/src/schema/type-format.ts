import type { AlgebraicType } from '../sats/algebraic-type.js';

/** A compact rendering of a type for messages, e.g. `(id: U32, tags: Array<String>)`. */
export function formatType(ty: AlgebraicType): string {
  switch (ty.tag) {
    case 'Ref':
      return `&${ty.value}`;
    case 'Array':
      return `Array<${formatType(ty.value)}>`;
    case 'Product':
      return `(${ty.value.elements.map((e) => `${e.name ?? '_'}: ${formatType(e.algebraicType)}`).join(', ')})`;
    case 'Sum':
      return `(${ty.value.variants.map((v) => `${v.name ?? '_'}: ${formatType(v.algebraicType)}`).join(' | ')})`;
    default:
      return ty.tag;
  }
}
